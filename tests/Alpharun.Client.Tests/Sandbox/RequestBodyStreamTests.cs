using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>What every request body shares: the 100 Continue on first read, the Stream surface, and draining for keep-alive.</summary>
    public sealed class RequestBodyStreamTests
    {
        private const string Continue = "HTTP/1.1 100 Continue\r\n\r\n";

        /// <summary>Closes the connection and returns what it wrote to the peer.</summary>
        private static async Task<string> WrittenAsync(LoopbackPair pair)
        {
            pair.Connection.Abort();
            return Encoding.ASCII.GetString(await pair.ReceiveToEndAsync());
        }

        [Fact]
        public async Task ExpectedContinueIsWrittenOnceOnTheFirstRead()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abc");
            var body = new ContentLengthBodyStream(pair.Connection, 3, expectsContinue: true);
            byte[] buffer = new byte[1];

            bool startedBefore = body.Started;
            int first = await body.ReadAsync(buffer, 0, 1);
            string rest = await LoopbackPair.ReadToEndAsync(body);

            Assert.False(startedBefore);
            Assert.True(body.Started);
            Assert.Equal(1, first);
            Assert.Equal("bc", rest);
            Assert.Equal(Continue, await WrittenAsync(pair));
        }

        [Fact]
        public async Task ZeroByteReadStartsTheBodyAndInvitesIt()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abc");
            var body = new ChunkedBodyStream(pair.Connection, 100, expectsContinue: true);

            Assert.Equal(0, await body.ReadAsync(Array.Empty<byte>(), 0, 0));

            Assert.True(body.Started);
            Assert.Equal(Continue, await WrittenAsync(pair));
        }

        [Fact]
        public async Task ChunkedBodyExpectingContinueIsInvited()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("3\r\nabc\r\n0\r\n\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 100, expectsContinue: true);

            Assert.Equal("abc", await LoopbackPair.ReadToEndAsync(body));
            Assert.Equal(Continue, await WrittenAsync(pair));
        }

        [Fact]
        public async Task NoContinueIsWrittenWithoutTheExpectation()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abc");
            var body = new ContentLengthBodyStream(pair.Connection, 3, expectsContinue: false);

            Assert.Equal("abc", await LoopbackPair.ReadToEndAsync(body));
            Assert.True(body.Started);
            Assert.Equal("", await WrittenAsync(pair));
        }

        [Fact]
        public async Task EmptyBodyIsNotInvitedEvenWhenExpected()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("");
            var body = new ContentLengthBodyStream(pair.Connection, 0, expectsContinue: true);

            Assert.Equal(0, await body.ReadAsync(new byte[4], 0, 4));
            Assert.True(body.Started);
            Assert.Equal("", await WrittenAsync(pair));
        }

        [Fact]
        public async Task SynchronousReadWorksAndInvites()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abc");
            var body = new ContentLengthBodyStream(pair.Connection, 3, expectsContinue: true);
            byte[] buffer = new byte[10];

            int n = body.Read(buffer, 2, 8);

            Assert.Equal(3, n);
            Assert.Equal("abc", Encoding.ASCII.GetString(buffer, 2, 3));
            Assert.Equal(Continue, await WrittenAsync(pair));
        }

        [Fact]
        public async Task StreamIsReadOnlyAndNotSeekable()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync();
            var body = new ContentLengthBodyStream(pair.Connection, 3, expectsContinue: false);

            Assert.True(body.CanRead);
            Assert.False(body.CanSeek);
            Assert.False(body.CanWrite);
            Assert.Throws<NotSupportedException>(() => body.Length);
            Assert.Throws<NotSupportedException>(() => body.Position);
            Assert.Throws<NotSupportedException>(() => body.Position = 0);
            Assert.Throws<NotSupportedException>(() => body.Seek(0, SeekOrigin.Begin));
            Assert.Throws<NotSupportedException>(() => body.SetLength(0));
            Assert.Throws<NotSupportedException>(() => body.Write(new byte[1], 0, 1));
            body.Flush();
        }

        [Fact]
        public async Task DrainingACompleteBodyReadsNothing()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("NEXT\r\n");
            var body = new ContentLengthBodyStream(pair.Connection, 0, expectsContinue: false);

            Assert.True(await body.TryDrainAsync(0));
            Assert.Equal("NEXT", await pair.Connection.ReadLineAsync(100, 400, "too long"));
        }

        [Fact]
        public async Task BodyNeverInvitedIsNotDrainedAndNotInvited()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abcNEXT\r\n");
            var body = new ContentLengthBodyStream(pair.Connection, 3, expectsContinue: true);

            Assert.False(await body.TryDrainAsync(1000));
            Assert.False(body.Started);
            Assert.Equal("abcNEXT", await pair.Connection.ReadLineAsync(100, 400, "too long"));
            Assert.Equal("", await WrittenAsync(pair));
        }

        [Fact]
        public async Task UnreadBodyOfExactlyTheLimitIsDrained()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abcdeNEXT\r\n");
            var body = new ContentLengthBodyStream(pair.Connection, 5, expectsContinue: false);

            Assert.True(await body.TryDrainAsync(5));
            Assert.True(body.IsComplete);
            Assert.Equal("NEXT", await pair.Connection.ReadLineAsync(100, 400, "too long"));
        }

        [Fact]
        public async Task UnreadBodyOverTheLimitIsLeftAlone()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abcdefNEXT\r\n");
            var body = new ContentLengthBodyStream(pair.Connection, 6, expectsContinue: false);

            Assert.False(await body.TryDrainAsync(5));
            Assert.False(body.Started);
            Assert.Equal("abcdefNEXT", await pair.Connection.ReadLineAsync(100, 400, "too long"));
        }

        [Fact]
        public async Task StartedBodyIsDrainedByWhatIsLeftNotByItsDeclaredLength()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("0123456789NEXT\r\n");
            var body = new ContentLengthBodyStream(pair.Connection, 10, expectsContinue: false);
            Assert.Equal(6, await body.ReadAsync(new byte[6], 0, 6));

            Assert.True(await body.TryDrainAsync(5));
            Assert.Equal("NEXT", await pair.Connection.ReadLineAsync(100, 400, "too long"));
        }

        [Fact]
        public async Task ChunkedBodyOfExactlyTheLimitIsDrained()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("6\r\nabcdef\r\n0\r\n\r\nNEXT\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 100, expectsContinue: false);

            Assert.True(await body.TryDrainAsync(6));
            Assert.True(body.IsComplete);
            Assert.Equal("NEXT", await pair.Connection.ReadLineAsync(100, 400, "too long"));
        }

        [Fact]
        public async Task ChunkedBodyOverTheLimitIsNotDrainedToTheEnd()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("6\r\nabcdef\r\n0\r\n\r\nNEXT\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 100, expectsContinue: false);

            Assert.False(await body.TryDrainAsync(5));
            Assert.False(body.IsComplete);
        }

        [Fact]
        public async Task InvitedChunkedBodyIsDrainedAcrossSeveralChunks()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\nNEXT\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 100, expectsContinue: true);
            Assert.Equal(1, await body.ReadAsync(new byte[1], 0, 1));

            Assert.True(await body.TryDrainAsync(100));
            Assert.Equal("NEXT", await pair.Connection.ReadLineAsync(100, 400, "too long"));
            Assert.Equal(Continue, await WrittenAsync(pair));
        }

        [Theory]
        [InlineData("abc")]
        [InlineData("")]
        public async Task TruncatedBodyIsNotDrainedAndDoesNotThrow(string input)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input);
            var body = new ContentLengthBodyStream(pair.Connection, 5, expectsContinue: false);

            Assert.False(await body.TryDrainAsync(100));
        }

        [Fact]
        public async Task BrokenChunkedBodyIsNotDrainedAndDoesNotThrow()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("zz\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 100, expectsContinue: false);

            Assert.False(await body.TryDrainAsync(100));
        }
    }
}
