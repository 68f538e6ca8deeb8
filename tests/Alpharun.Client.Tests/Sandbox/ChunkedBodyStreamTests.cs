using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>Chunked request bodies (RFC 9112 section 7.1) read straight off a connection: sizes, limits, trailers, truncation.</summary>
    public sealed class ChunkedBodyStreamTests
    {
        private const string Truncated = "The chunked request body ended before its last (zero-size) chunk.";
        private const string MidLine = "The request ended in the middle of a line.";

        private static async Task<string> ReadBodyAsync(string input, long maxBytes = 1000, int bufferSize = 8192)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input);
            var body = new ChunkedBodyStream(pair.Connection, maxBytes, expectsContinue: false);
            return await LoopbackPair.ReadToEndAsync(body, bufferSize);
        }

        private static async Task<HttpProtocolException> RefusedAsync(string input, long maxBytes = 1000)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input);
            var body = new ChunkedBodyStream(pair.Connection, maxBytes, expectsContinue: false);
            return await Assert.ThrowsAsync<HttpProtocolException>(() => LoopbackPair.ReadToEndAsync(body));
        }

        [Fact]
        public async Task ChunksWithLowerAndUpperCaseHexSizesAreJoined()
        {
            string body = await ReadBodyAsync("a\r\n0123456789\r\nB\r\nabcdefghijk\r\n1f\r\n" + new string('z', 31) + "\r\n0\r\n\r\n");

            Assert.Equal("0123456789abcdefghijk" + new string('z', 31), body);
        }

        [Fact]
        public async Task ChunkExtensionsAndBlanksAroundTheSizeAreIgnored()
        {
            string body = await ReadBodyAsync("3;name=value\r\nabc\r\n2 \t;x;y=\"q\"\r\nde\r\n \t1\r\nf\r\n0;last\r\n\r\n");

            Assert.Equal("abcdef", body);
        }

        [Fact]
        public async Task BareLineFeedsEndLinesToo()
        {
            Assert.Equal("abcde", await ReadBodyAsync("3\nabc\n2\r\nde\n0\n\n"));
        }

        [Fact]
        public async Task FifteenHexDigitSizeIsAccepted()
        {
            Assert.Equal("abc", await ReadBodyAsync("000000000000003\r\nabc\r\n0\r\n\r\n"));
        }

        [Theory]
        [InlineData("0000000000000003", "'0000000000000003' is not a chunk size line.")]
        [InlineData("", "'' is not a chunk size line.")]
        [InlineData(" \t", "' \t' is not a chunk size line.")]
        [InlineData(";ext=1", "';ext=1' is not a chunk size line.")]
        [InlineData("zz", "'zz' is not a chunk size line.")]
        [InlineData("-1", "'-1' is not a chunk size line.")]
        [InlineData("+3", "'+3' is not a chunk size line.")]
        [InlineData("0x3", "'0x3' is not a chunk size line.")]
        [InlineData("3 3", "'3 3' is not a chunk size line.")]
        [InlineData("gggggggggggggggggggggggggggggggggggggggg", "'gggggggggggggggggggggggggggggggggggggggg' is not a chunk size line.")]
        [InlineData("gggggggggggggggggggggggggggggggggggggggg1", "'gggggggggggggggggggggggggggggggggggggggg…' is not a chunk size line.")]
        public async Task MalformedSizeLineIsRefusedWithTheLineQuoted(string sizeLine, string message)
        {
            HttpProtocolException e = await RefusedAsync(sizeLine + "\r\nabc\r\n0\r\n\r\n");

            Assert.Equal(400, e.StatusCode);
            Assert.Equal(message, e.Message);
        }

        [Fact]
        public async Task SizeLineOfExactly4096BytesIsAccepted()
        {
            string sizeLine = "3;" + new string('x', 4094);

            Assert.Equal("abc", await ReadBodyAsync(sizeLine + "\r\nabc\r\n0\r\n\r\n"));
        }

        [Fact]
        public async Task SizeLineOf4097BytesIsRefused()
        {
            string sizeLine = "3;" + new string('x', 4095);

            HttpProtocolException e = await RefusedAsync(sizeLine + "\r\nabc\r\n0\r\n\r\n");

            Assert.Equal(400, e.StatusCode);
            Assert.Equal("A line of the chunked request body is longer than 4096 bytes.", e.Message);
        }

        [Theory]
        [InlineData("", Truncated)]
        [InlineData("3", MidLine)]
        [InlineData("3\r", MidLine)]
        [InlineData("3\r\n", Truncated)]
        [InlineData("3\r\nab", Truncated)]
        [InlineData("3\r\nabc", Truncated)]
        [InlineData("3\r\nabc\r", MidLine)]
        [InlineData("3\r\nabc\r\n", Truncated)]
        [InlineData("3\r\nabc\r\n0", MidLine)]
        [InlineData("3\r\nabc\r\n0\r\n", Truncated)]
        [InlineData("3\r\nabc\r\n0\r\nX-Trailer: 1", MidLine)]
        [InlineData("3\r\nabc\r\n0\r\nX-Trailer: 1\r\n", Truncated)]
        public async Task BodyEndingEarlyAtAnyStageIsRefused(string input, string message)
        {
            HttpProtocolException e = await RefusedAsync(input);

            Assert.Equal(400, e.StatusCode);
            Assert.Equal(message, e.Message);
        }

        [Theory]
        [InlineData("3\r\nabcd\r\n0\r\n\r\n")]
        [InlineData("3\r\nabc \r\n0\r\n\r\n")]
        [InlineData("3\r\nabc\r\r\n0\r\n\r\n")]
        public async Task ChunkLongerThanItsSizeIsRefused(string input)
        {
            HttpProtocolException e = await RefusedAsync(input);

            Assert.Equal(400, e.StatusCode);
            Assert.Equal("A chunk of the request body is longer than its size line says.", e.Message);
        }

        [Fact]
        public async Task ReadOfAChunksLastBytesFailsWhenTheConnectionEndsBeforeItsCrlf()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("3\r\nabc");
            var body = new ChunkedBodyStream(pair.Connection, 1000, expectsContinue: false);

            HttpProtocolException e = await Assert.ThrowsAsync<HttpProtocolException>(() => body.ReadAsync(new byte[100], 0, 100));

            Assert.Equal(400, e.StatusCode);
            Assert.Equal(Truncated, e.Message);
        }

        [Fact]
        public async Task TrailerIsSkippedAndTheNextRequestIsLeftOnTheConnection()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("3\r\nabc\r\n0\r\nX-A: 1\r\nX-B: 2\r\n\r\nGET /next HTTP/1.1\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 1000, expectsContinue: false);
            byte[] buffer = new byte[100];

            int first = await body.ReadAsync(buffer, 0, buffer.Length);
            bool completeAfterData = body.IsComplete;
            int end = await body.ReadAsync(buffer, 0, buffer.Length);
            int again = await body.ReadAsync(buffer, 0, buffer.Length);
            string? next = await pair.Connection.ReadLineAsync(100, 400, "too long");

            Assert.Equal(3, first);
            Assert.Equal("abc", Encoding.ASCII.GetString(buffer, 0, 3));
            Assert.False(completeAfterData);
            Assert.Equal(0, end);
            Assert.Equal(0, again);
            Assert.True(body.IsComplete);
            Assert.Equal("GET /next HTTP/1.1", next);
        }

        [Fact]
        public async Task ReadAfterTheLastChunkReturnsZeroAtTheEndOfTheStream()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("0\r\n\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 1000, expectsContinue: false);
            byte[] buffer = new byte[10];

            Assert.Equal(0, await body.ReadAsync(buffer, 0, 10));
            Assert.Equal(0, await body.ReadAsync(buffer, 0, 10));
            Assert.True(body.IsComplete);
            Assert.Null(body.DeclaredLength);
        }

        [Fact]
        public async Task ZeroByteReadReturnsZeroAndReadsNothing()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("3\r\nabc\r\n0\r\n\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 1000, expectsContinue: false);

            int n = await body.ReadAsync(new byte[10], 0, 0);

            Assert.Equal(0, n);
            Assert.False(body.IsComplete);
            Assert.Equal("abc", await LoopbackPair.ReadToEndAsync(body));
        }

        [Fact]
        public async Task ReadsStopAtChunkBoundariesAndAtTheCallersCount()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 1000, expectsContinue: false);
            byte[] buffer = new byte[10];
            var counts = new List<int>();
            var text = new StringBuilder();

            int n;
            while ((n = await body.ReadAsync(buffer, 1, 2)) > 0)
            {
                counts.Add(n);
                text.Append(Encoding.ASCII.GetString(buffer, 1, n));
            }
            Assert.Equal(new[] { 2, 1, 2, 2 }, counts);
            Assert.Equal("abcdefg", text.ToString());
        }

        [Fact]
        public async Task LargeBufferReadReturnsOneChunkAtATime()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 1000, expectsContinue: false);
            byte[] buffer = new byte[100];

            Assert.Equal(3, await body.ReadAsync(buffer, 0, 100));
            Assert.Equal(4, await body.ReadAsync(buffer, 0, 100));
            Assert.Equal("defg", Encoding.ASCII.GetString(buffer, 0, 4));
            Assert.Equal(0, await body.ReadAsync(buffer, 0, 100));
        }

        [Theory]
        [InlineData("a\r\n0123456789\r\n0\r\n\r\n", "0123456789")]
        [InlineData("4\r\n0123\r\n6\r\n456789\r\n0\r\n\r\n", "0123456789")]
        [InlineData("1\r\n0\r\n9\r\n123456789\r\n0\r\n\r\n", "0123456789")]
        public async Task BodyOfExactlyTheLimitIsAccepted(string input, string expected)
        {
            Assert.Equal(expected, await ReadBodyAsync(input, maxBytes: 10));
        }

        [Theory]
        [InlineData("b\r\n0123456789a\r\n0\r\n\r\n", "")]
        [InlineData("6\r\n012345\r\n5\r\n6789a\r\n0\r\n\r\n", "012345")]
        [InlineData("a\r\n0123456789\r\n1\r\na\r\n0\r\n\r\n", "0123456789")]
        [InlineData("FFFFFFFFFFFFFFF\r\n", "")]
        public async Task ChunkTakingTheBodyPastTheLimitIsRefusedBeforeItIsRead(string input, string readBefore)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input);
            var body = new ChunkedBodyStream(pair.Connection, 10, expectsContinue: false);
            var text = new StringBuilder();
            byte[] buffer = new byte[100];

            HttpProtocolException e = await Assert.ThrowsAsync<HttpProtocolException>(async () =>
            {
                int n;
                while ((n = await body.ReadAsync(buffer, 0, buffer.Length)) > 0) text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            });

            Assert.Equal(413, e.StatusCode);
            Assert.Equal("The request body is larger than the 10 bytes the sandbox accepts.", e.Message);
            Assert.Equal(readBefore, text.ToString());
        }

        [Fact]
        public async Task TrailerOf100LinesIsSkipped()
        {
            string trailer = string.Concat(Enumerable.Range(0, 100).Select(i => $"X-T{i}: {i}\r\n"));

            using LoopbackPair pair = await LoopbackPair.WithInputAsync("3\r\nabc\r\n0\r\n" + trailer + "\r\nNEXT\r\n");
            var body = new ChunkedBodyStream(pair.Connection, 1000, expectsContinue: false);

            Assert.Equal("abc", await LoopbackPair.ReadToEndAsync(body));
            Assert.Equal("NEXT", await pair.Connection.ReadLineAsync(100, 400, "too long"));
        }

        [Fact]
        public async Task TrailerOf101LinesIsRefused()
        {
            string trailer = string.Concat(Enumerable.Range(0, 101).Select(i => $"X-T{i}: {i}\r\n"));

            HttpProtocolException e = await RefusedAsync("3\r\nabc\r\n0\r\n" + trailer + "\r\n");

            Assert.Equal(431, e.StatusCode);
            Assert.Equal("The chunked body's trailer has more than 100 lines.", e.Message);
        }
    }
}
