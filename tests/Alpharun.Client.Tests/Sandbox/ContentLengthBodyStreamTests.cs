using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>Bodies of a declared Content-Length read straight off a connection.</summary>
    public sealed class ContentLengthBodyStreamTests
    {
        [Fact]
        public async Task ReadsExactlyTheDeclaredLengthAndLeavesTheNextRequest()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abcdeGET /next HTTP/1.1\r\n");
            var body = new ContentLengthBodyStream(pair.Connection, 5, expectsContinue: false);
            byte[] buffer = new byte[100];

            int n = await body.ReadAsync(buffer, 0, buffer.Length);
            int end = await body.ReadAsync(buffer, 0, buffer.Length);

            Assert.Equal(5, n);
            Assert.Equal("abcde", Encoding.ASCII.GetString(buffer, 0, n));
            Assert.Equal(0, end);
            Assert.True(body.IsComplete);
            Assert.Equal(5, body.DeclaredLength);
            Assert.Equal("GET /next HTTP/1.1", await pair.Connection.ReadLineAsync(100, 400, "too long"));
        }

        [Fact]
        public async Task SmallReadsReturnTheBodyPieceByPiece()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abcde");
            var body = new ContentLengthBodyStream(pair.Connection, 5, expectsContinue: false);
            byte[] buffer = new byte[10];
            var counts = new List<int>();
            var text = new StringBuilder();

            int n;
            while ((n = await body.ReadAsync(buffer, 3, 2)) > 0)
            {
                counts.Add(n);
                text.Append(Encoding.ASCII.GetString(buffer, 3, n));
                Assert.Equal(counts.Count == 3, body.IsComplete);
            }

            Assert.Equal(new[] { 2, 2, 1 }, counts);
            Assert.Equal("abcde", text.ToString());
        }

        [Fact]
        public async Task EmptyBodyIsCompleteAndReadsNothing()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("NEXT\r\n");
            var body = new ContentLengthBodyStream(pair.Connection, 0, expectsContinue: false);

            Assert.True(body.IsComplete);
            Assert.Equal(0, await body.ReadAsync(new byte[10], 0, 10));
            Assert.Equal(0, body.DeclaredLength);
            Assert.Equal("NEXT", await pair.Connection.ReadLineAsync(100, 400, "too long"));
        }

        [Fact]
        public async Task ZeroByteReadReturnsZeroAndReadsNothing()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abc");
            var body = new ContentLengthBodyStream(pair.Connection, 3, expectsContinue: false);

            Assert.Equal(0, await body.ReadAsync(new byte[10], 0, 0));
            Assert.False(body.IsComplete);
            Assert.Equal("abc", await LoopbackPair.ReadToEndAsync(body));
        }

        [Theory]
        [InlineData("", "The request body ended after 0 of the 5 bytes its Content-Length announced.")]
        [InlineData("ab", "The request body ended after 2 of the 5 bytes its Content-Length announced.")]
        [InlineData("abcd", "The request body ended after 4 of the 5 bytes its Content-Length announced.")]
        public async Task BodyEndingBeforeItsLengthIsRefused(string input, string message)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input);
            var body = new ContentLengthBodyStream(pair.Connection, 5, expectsContinue: false);
            var text = new StringBuilder();
            byte[] buffer = new byte[100];

            HttpProtocolException e = await Assert.ThrowsAsync<HttpProtocolException>(async () =>
            {
                int n;
                while ((n = await body.ReadAsync(buffer, 0, buffer.Length)) > 0) text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            });

            Assert.Equal(400, e.StatusCode);
            Assert.Equal(message, e.Message);
            Assert.Equal(input, text.ToString());
            Assert.False(body.IsComplete);
        }
    }
}
