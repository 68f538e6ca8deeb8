using System;
using Xunit;

namespace Alpharun.Tests
{
    public class RecordedAtFormatTests
    {
        [Fact]
        public void FormatsWithTheOffsetAndNoZeroFraction() =>
            Assert.Equal("2024-01-15T14:30:00-05:00", RecordedAtFormat.Format(new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5))));

        [Fact]
        public void FormatsUtcAsPlusZero() =>
            Assert.Equal("2024-01-15T19:30:00+00:00", RecordedAtFormat.Format(new DateTimeOffset(2024, 1, 15, 19, 30, 0, TimeSpan.Zero)));

        [Fact]
        public void KeepsFractionalSeconds() =>
            Assert.Equal("2024-01-15T14:30:00.25+02:00", RecordedAtFormat.Format(new DateTimeOffset(2024, 1, 15, 14, 30, 0, 250, TimeSpan.FromHours(2))));

        [Theory]
        [InlineData("2024-01-15T14:30:00-05:00", -5)]
        [InlineData("2024-01-15T19:30:00Z", 0)]
        [InlineData("2024-01-15T14:30:00+0530", 5.5)]
        public void ParsesTextWithAnOffset(string text, double offsetHours)
        {
            Assert.True(RecordedAtFormat.TryParse(text, out DateTimeOffset value, out _));
            Assert.Equal(TimeSpan.FromHours(offsetHours), value.Offset);
        }

        [Theory]
        [InlineData("2024-01-15T14:30:00")]
        [InlineData("2024-01-15 14:30")]
        [InlineData("2024-01-15")]
        [InlineData("")]
        [InlineData("yesterday")]
        public void RefusesTextWithoutAnOffset(string text)
        {
            Assert.False(RecordedAtFormat.TryParse(text, out _, out string reason));
            Assert.NotEqual(string.Empty, reason);
        }
    }
}
