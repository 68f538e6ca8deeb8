using System;
using System.Threading;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>The fault factories' argument checks, their ToString, and file name matching, without a server.</summary>
    public sealed class SandboxFaultDefinitionTests
    {
        [Fact]
        public void CountBelowOneIsRefusedWithItsReason()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Status(503, count: 0));

            Assert.Equal("count", e.ParamName);
            Assert.Equal(0, e.ActualValue);
            Assert.StartsWith("A fault applies to at least one request.", e.Message);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(599)]
        public void StatusAcceptsTheEdgesOfTheErrorRange(int statusCode)
        {
            SandboxFault fault = SandboxFault.Status(statusCode);

            Assert.Equal(statusCode, fault.StatusCode);
            Assert.Equal(SandboxFaultKind.Status, fault.Kind);
        }

        [Theory]
        [InlineData(399)]
        [InlineData(600)]
        public void StatusOutsideTheErrorRangeIsRefusedWithItsReason(int statusCode)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Status(statusCode));

            Assert.Equal("statusCode", e.ParamName);
            Assert.Equal(statusCode, e.ActualValue);
            Assert.StartsWith("A status fault answers an error status, 400 to 599.", e.Message);
        }

        [Theory]
        [InlineData(" 1")]
        [InlineData("1\u007F")]
        public void RetryAfterThatIsNotAHeaderValueIsRefusedWithItsReason(string retryAfter)
        {
            var e = Assert.Throws<ArgumentException>(() => SandboxFault.Status(503, retryAfter: retryAfter));

            Assert.Equal("retryAfter", e.ParamName);
            Assert.StartsWith("Retry-After is sent verbatim, so it must be non-empty visible ASCII on one line, without leading or trailing spaces.", e.Message);
        }

        [Fact]
        public void RetryAfterMayHoldTheLastVisibleAsciiCharacter()
        {
            SandboxFault fault = SandboxFault.Status(503, retryAfter: "a~b");

            Assert.Equal("a~b", fault.RetryAfter);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        public void BlankFileNamePatternIsRefusedWithItsReason(string fileName)
        {
            var e = Assert.Throws<ArgumentException>(() => SandboxFault.Status(503, fileName: fileName));

            Assert.Equal("fileName", e.ParamName);
            Assert.StartsWith("The file name pattern is empty. Pass a name such as 'call-7.wav' or a pattern such as 'bad-*.wav'.", e.Message);
        }

        [Fact]
        public void FileNamePatternCannotAnswerBeforeTheBody()
        {
            var e = Assert.Throws<ArgumentException>(() => SandboxFault.Status(503, beforeBody: true, fileName: "call-7.wav"));

            Assert.Equal("fileName", e.ParamName);
            Assert.StartsWith("A fault for one file cannot answer before the body: the file name is in the body. Leave out the file name, or answer after the body.", e.Message);
        }

        [Fact]
        public void BeforeBodyAloneAndFileNameAloneAreEachAccepted()
        {
            SandboxFault early = SandboxFault.Status(503, beforeBody: true);
            SandboxFault forFile = SandboxFault.Status(503, fileName: "call-7.wav");

            Assert.True(early.BeforeBody);
            Assert.Null(early.FileName);
            Assert.False(forFile.BeforeBody);
            Assert.Equal("call-7.wav", forFile.FileName);
        }

        [Fact]
        public void NegativeAfterBytesIsRefusedWithItsReason()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.DropConnection(afterBytes: -1));

            Assert.Equal("afterBytes", e.ParamName);
            Assert.Equal(-1L, e.ActualValue);
            Assert.StartsWith("afterBytes cannot be negative.", e.Message);
        }

        [Fact]
        public void StallAcceptsTheLongestFiniteDelay()
        {
            TimeSpan longest = TimeSpan.FromMilliseconds(int.MaxValue);

            SandboxFault fault = SandboxFault.Stall(longest);

            Assert.Equal(longest, fault.Delay);
        }

        [Fact]
        public void StallRefusesAZeroDelayWithItsReason()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Stall(TimeSpan.Zero));

            Assert.Equal("delay", e.ParamName);
            Assert.Equal(TimeSpan.Zero, e.ActualValue);
            Assert.StartsWith("The delay must be positive and at most int.MaxValue milliseconds, or Timeout.InfiniteTimeSpan.", e.Message);
        }

        [Fact]
        public void StatusToStringNamesEveryOptionGiven()
        {
            SandboxFault fault = SandboxFault.Status(503, count: 2, retryAfter: "1", echoHeaders: true, fileName: "bad-*.wav");

            Assert.Equal("Status(503, count: 2, retryAfter: \"1\", echoHeaders: true, fileName: \"bad-*.wav\")", fault.ToString());
        }

        [Fact]
        public void StatusToStringNamesBeforeBody()
        {
            Assert.Equal("Status(413, count: 1, beforeBody: true)", SandboxFault.Status(413, beforeBody: true).ToString());
        }

        [Fact]
        public void StatusToStringLeavesOutTheOptionsNotGiven()
        {
            Assert.Equal("Status(500, count: 1)", SandboxFault.Status(500).ToString());
        }

        [Fact]
        public void StallToStringGivesTheDelayInMillisecondsOrInfinite()
        {
            Assert.Equal("Stall(1.5 ms, count: 3)", SandboxFault.Stall(TimeSpan.FromTicks(15_000), count: 3).ToString());
            Assert.Equal("Stall(infinite, count: 1)", SandboxFault.Stall(Timeout.InfiniteTimeSpan).ToString());
        }

        [Fact]
        public void FaultWithoutFileNameAppliesToEveryFileEvenAnUnnamedOne()
        {
            SandboxFault fault = SandboxFault.Status(503);

            Assert.True(fault.AppliesToFile("call-7.wav"));
            Assert.True(fault.AppliesToFile(null));
        }

        [Fact]
        public void FaultForAFileDoesNotApplyToAnUnnamedUpload()
        {
            Assert.False(SandboxFault.Status(503, fileName: "*").AppliesToFile(null));
        }

        [Theory]
        [InlineData("call-7.wav", "call-7.wav", true)]
        [InlineData("call-7.wav", "CALL-7.WAV", true)]
        [InlineData("call-7.wav", "xcall-7.wav", false)]
        [InlineData("call-7.wav", "call-7.wav.bak", false)]
        [InlineData("call-7.wav", "call-7xwav", false)]
        [InlineData("bad-*.wav", "bad-.wav", true)]
        [InlineData("bad-*.wav", "BAD-take-2.WAV", true)]
        [InlineData("bad-*.wav", "good-1.wav", false)]
        [InlineData("call-?.wav", "call-7.wav", true)]
        [InlineData("call-?.wav", "call-.wav", false)]
        [InlineData("call-?.wav", "call-77.wav", false)]
        public void FileNamePatternMatchesTheWholeNameInAnyCaseWithStarAndQuestionMark(string pattern, string fileName, bool applies)
        {
            Assert.Equal(applies, SandboxFault.Status(503, fileName: pattern).AppliesToFile(fileName));
        }
    }
}
