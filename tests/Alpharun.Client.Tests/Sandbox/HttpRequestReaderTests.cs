using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>Request heads read off a connection (RFC 9112): request line, headers, their limits, and how the body is framed.</summary>
    public sealed class HttpRequestReaderTests
    {
        private const string HeadTooLarge = "The request's header section is larger than 64 KiB.";
        private const string BadRequestLine = "The request line is not 'METHOD target HTTP/1.1'.";
        private const string BadHeaderLine = "A request header line is not 'Name: value'.";

        private static async Task<HttpRequest?> ReadAsync(string input, long maxBodyBytes = 1000)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input);
            return await HttpRequestReader.ReadAsync(pair.Connection, maxBodyBytes);
        }

        private static async Task<HttpProtocolException> RefusedAsync(string input)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input);
            return await Assert.ThrowsAsync<HttpProtocolException>(() => HttpRequestReader.ReadAsync(pair.Connection, 1000));
        }

        private static async Task AssertRefusedAsync(string input, int status, string message)
        {
            HttpProtocolException e = await RefusedAsync(input);
            Assert.Equal(status, e.StatusCode);
            Assert.Equal(message, e.Message);
        }

        [Fact]
        public async Task RequestLineAndHeadersAreReadInOrder()
        {
            HttpRequest? request = await ReadAsync("POST /api/x?y=1 HTTP/1.1\r\nHost: h\r\nX-A:  a b \t\r\nX-B:v\r\nX-A: second\r\nX-Empty:\r\n\r\n");

            Assert.NotNull(request);
            Assert.Equal("POST", request!.Method);
            Assert.Equal("/api/x?y=1", request.Target);
            Assert.Equal("/api/x", request.Path);
            Assert.Equal(1, request.MinorVersion);
            Assert.Equal(
                new[] { "Host=h", "X-A=a b", "X-B=v", "X-A=second", "X-Empty=" },
                request.Headers.All.Select(h => h.Key + "=" + h.Value));
            Assert.Equal("a b, second", request.Headers.Get("x-a"));
        }

        [Fact]
        public async Task HttpOneZeroHasMinorVersionZero()
        {
            HttpRequest? request = await ReadAsync("GET / HTTP/1.0\n\n");

            Assert.Equal(0, request!.MinorVersion);
            Assert.False(request.KeepAlive);
        }

        [Theory]
        [InlineData("")]
        [InlineData("\r\n")]
        [InlineData("\r\n\r\n\r\n\r\n")]
        public async Task ConnectionClosedBeforeARequestGivesNull(string input)
        {
            Assert.Null(await ReadAsync(input));
        }

        [Fact]
        public async Task PipelinedRequestsAreReadOneAfterTheOther()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nX: 1\r\n\r\n");

            HttpRequest? first = await HttpRequestReader.ReadAsync(pair.Connection, 1000);
            HttpRequest? second = await HttpRequestReader.ReadAsync(pair.Connection, 1000);
            HttpRequest? none = await HttpRequestReader.ReadAsync(pair.Connection, 1000);

            Assert.Equal("/a", first!.Target);
            Assert.Empty(first.Headers.All);
            Assert.Equal("/b", second!.Target);
            Assert.Equal("1", second.Headers.Get("X"));
            Assert.Null(none);
        }

        [Fact]
        public async Task FourEmptyLinesBeforeTheRequestLineAreSkipped()
        {
            HttpRequest? request = await ReadAsync("\r\n\n\r\n\r\nGET /x HTTP/1.1\r\n\r\n");

            Assert.Equal("/x", request!.Target);
        }

        [Fact]
        public async Task FiveEmptyLinesBeforeTheRequestLineAreRefused()
        {
            await AssertRefusedAsync("\r\n\r\n\r\n\r\n\r\nGET /x HTTP/1.1\r\n\r\n", 400, BadRequestLine);
        }

        [Theory]
        [InlineData("GET /")]
        [InlineData("GET")]
        [InlineData("GET / HTTP/1.1 extra")]
        [InlineData("GET / HTTP/1.1 ")]
        [InlineData(" / HTTP/1.1")]
        [InlineData("GET  HTTP/1.1")]
        [InlineData("G@T / HTTP/1.1")]
        [InlineData("G/T / HTTP/1.1")]
        [InlineData("G:T / HTTP/1.1")]
        [InlineData("G[T / HTTP/1.1")]
        [InlineData("G{T / HTTP/1.1")]
        [InlineData("G\"T / HTTP/1.1")]
        [InlineData("GET\t/ HTTP/1.1")]
        public async Task MalformedRequestLineIsRefused(string requestLine)
        {
            await AssertRefusedAsync(requestLine + "\r\n\r\n", 400, BadRequestLine);
        }

        [Theory]
        [InlineData("HTTP/2.0")]
        [InlineData("HTTP/1.2")]
        [InlineData("http/1.1")]
        [InlineData("HTTP/1")]
        public async Task OtherHttpVersionsGet505(string version)
        {
            await AssertRefusedAsync("GET / " + version + "\r\n\r\n", 505, $"The sandbox speaks HTTP/1.1, not '{version}'.");
        }

        [Theory]
        [InlineData("a")]
        [InlineData("z")]
        [InlineData("A")]
        [InlineData("Z")]
        [InlineData("0")]
        [InlineData("9")]
        [InlineData("!#$%&'*+-.^_`|~")]
        [InlineData("!")]
        [InlineData("~")]
        public async Task EveryTokenCharacterIsAllowedInNamesAndMethods(string token)
        {
            HttpRequest? request = await ReadAsync($"{token} / HTTP/1.1\r\n{token}: v\r\n\r\n");

            Assert.Equal(token, request!.Method);
            Assert.Equal("v", request.Headers.Get(token));
        }

        [Theory]
        [InlineData(" folded")]
        [InlineData("\tfolded")]
        public async Task ObsoleteLineFoldingIsRefused(string line)
        {
            await AssertRefusedAsync("GET / HTTP/1.1\r\nX-A: 1\r\n" + line + "\r\n\r\n", 400, "The request uses obsolete header line folding.");
        }

        [Theory]
        [InlineData(": v")]
        [InlineData("NoColon")]
        [InlineData("Bad Name: v")]
        [InlineData("Bad@: v")]
        [InlineData("Bad[: v")]
        [InlineData("Bad{: v")]
        [InlineData("Bad/: v")]
        [InlineData("Bad\u007f: v")]
        public async Task MalformedHeaderLineIsRefused(string line)
        {
            await AssertRefusedAsync("GET / HTTP/1.1\r\n" + line + "\r\n\r\n", 400, BadHeaderLine);
        }

        [Fact]
        public async Task ConnectionClosingInsideTheHeadersIsRefused()
        {
            await AssertRefusedAsync("GET / HTTP/1.1\r\nHost: h\r\n", 400, "The connection closed inside the request's header section.");
        }

        [Fact]
        public async Task ConnectionClosingInsideAHeaderLineIsRefused()
        {
            await AssertRefusedAsync("GET / HTTP/1.1\r\nHost: h", 400, "The request ended in the middle of a line.");
        }

        // "GET / HTTP/1.1" takes 14 + 2 bytes of the 65,536-byte budget; a header line may use the rest.
        [Theory]
        [InlineData("", 65520)]
        [InlineData("\r\n", 65518)]
        [InlineData("\r\n\r\n", 65516)]
        public async Task HeaderSectionOfExactly64KiBIsAccepted(string leading, int lineLength)
        {
            HttpRequest? request = await ReadAsync(leading + "GET / HTTP/1.1\r\nX: " + new string('v', lineLength - 3) + "\r\n\r\n");

            Assert.Equal(lineLength - 3, request!.Headers.Get("X")!.Length);
        }

        [Theory]
        [InlineData("", 65521)]
        [InlineData("\r\n", 65519)]
        [InlineData("\r\n\r\n", 65517)]
        public async Task HeaderSectionOneByteOver64KiBIsRefused(string leading, int lineLength)
        {
            await AssertRefusedAsync(leading + "GET / HTTP/1.1\r\nX: " + new string('v', lineLength - 3) + "\r\n\r\n", 431, HeadTooLarge);
        }

        [Fact]
        public async Task EveryHeaderLineCountsAgainstTheBudget()
        {
            // "A: b" takes 4 + 2 more bytes, leaving 65,514 for the next line.
            HttpRequest? ok = await ReadAsync("GET / HTTP/1.1\r\nA: b\r\nX: " + new string('v', 65514 - 3) + "\r\n\r\n");
            HttpProtocolException over = await RefusedAsync("GET / HTTP/1.1\r\nA: b\r\nX: " + new string('v', 65515 - 3) + "\r\n\r\n");

            Assert.Equal("b", ok!.Headers.Get("A"));
            Assert.Equal(431, over.StatusCode);
            Assert.Equal(HeadTooLarge, over.Message);
        }

        [Fact]
        public async Task RequestLineOf64KiBIsAcceptedAndOneByteMoreIsRefused()
        {
            string target = "/" + new string('t', 65536 - "GET  HTTP/1.1".Length - 1);
            HttpRequest? ok = await ReadAsync("GET " + target + " HTTP/1.1\r\n\r\n");
            HttpProtocolException over = await RefusedAsync("GET " + target + "t HTTP/1.1\r\n\r\n");

            Assert.Equal(target, ok!.Target);
            Assert.Equal(431, over.StatusCode);
            Assert.Equal(HeadTooLarge, over.Message);
        }

        [Fact]
        public async Task OneHundredHeadersAreAccepted()
        {
            HttpRequest? request = await ReadAsync("GET / HTTP/1.1\r\n" + Headers(100) + "\r\n");

            Assert.Equal(100, request!.Headers.Count);
        }

        [Fact]
        public async Task OneHundredAndOneHeadersAreRefused()
        {
            await AssertRefusedAsync("GET / HTTP/1.1\r\n" + Headers(101) + "\r\n", 431, "The request has more than 100 headers.");
        }

        [Fact]
        public async Task RequestWithoutFramingHasAnEmptyBody()
        {
            HttpRequest? request = await ReadAsync("POST / HTTP/1.1\r\n\r\nNEXT");

            Assert.IsType<ContentLengthBodyStream>(request!.Body);
            Assert.Equal(0, request.Body.DeclaredLength);
            Assert.True(request.Body.IsComplete);
        }

        [Theory]
        [InlineData("Content-Length: 5\r\n")]
        [InlineData("Content-Length:  5 \t\r\n")]
        [InlineData("content-length: 5\r\n")]
        [InlineData("Content-Length: 5, 5\r\n")]
        [InlineData("Content-Length: 5\r\nContent-Length: 5\r\n")]
        [InlineData("Content-Length: 05\r\n")]
        public async Task ContentLengthFramesTheBody(string headers)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("POST / HTTP/1.1\r\n" + headers + "\r\nabcdeNEXT");
            HttpRequest? request = await HttpRequestReader.ReadAsync(pair.Connection, 1000);

            Assert.IsType<ContentLengthBodyStream>(request!.Body);
            Assert.Equal(5, request.Body.DeclaredLength);
            Assert.Equal("abcde", await LoopbackPair.ReadToEndAsync(request.Body));
        }

        [Theory]
        [InlineData("0", 0)]
        [InlineData("9", 9)]
        [InlineData("90", 90)]
        [InlineData("9223372036854775807", long.MaxValue)]
        public async Task ContentLengthDigitsAreParsed(string value, long expected)
        {
            HttpRequest? request = await ReadAsync("POST / HTTP/1.1\r\nContent-Length: " + value + "\r\n\r\n");

            Assert.Equal(expected, request!.Body.DeclaredLength);
        }

        [Theory]
        [InlineData("Content-Length:\r\n", "The Content-Length header is empty.")]
        [InlineData("Content-Length: , \r\n", "The Content-Length header is empty.")]
        [InlineData("Content-Length: abc\r\n", "The Content-Length 'abc' is not a number of bytes.")]
        [InlineData("Content-Length: -1\r\n", "The Content-Length '-1' is not a number of bytes.")]
        [InlineData("Content-Length: +5\r\n", "The Content-Length '+5' is not a number of bytes.")]
        [InlineData("Content-Length: 5 5\r\n", "The Content-Length '5 5' is not a number of bytes.")]
        [InlineData("Content-Length: 0x5\r\n", "The Content-Length '0x5' is not a number of bytes.")]
        [InlineData("Content-Length: 5/\r\n", "The Content-Length '5/' is not a number of bytes.")]
        [InlineData("Content-Length: 5:\r\n", "The Content-Length '5:' is not a number of bytes.")]
        [InlineData("Content-Length: 9223372036854775808\r\n", "The Content-Length '9223372036854775808' is not a number of bytes.")]
        [InlineData("Content-Length: 5\r\nContent-Length: x\r\n", "The Content-Length '5, x' is not a number of bytes.")]
        [InlineData("Content-Length: 5, 6\r\n", "The request has several different Content-Length values.")]
        [InlineData("Content-Length: 5\r\nContent-Length: 6\r\n", "The request has several different Content-Length values.")]
        [InlineData("Content-Length: 0, 5\r\n", "The request has several different Content-Length values.")]
        [InlineData("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "The request has both Transfer-Encoding and Content-Length.")]
        [InlineData("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "The request has both Transfer-Encoding and Content-Length.")]
        public async Task BadFramingGets400(string headers, string message)
        {
            await AssertRefusedAsync("POST / HTTP/1.1\r\n" + headers + "\r\n", 400, message);
        }

        [Fact]
        public async Task TransferEncodingOnHttpOneZeroGets400()
        {
            await AssertRefusedAsync("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400, "Transfer-Encoding needs HTTP/1.1.");
        }

        [Theory]
        [InlineData("Transfer-Encoding: gzip\r\n", "gzip")]
        [InlineData("Transfer-Encoding: gzip, chunked\r\n", "gzip, chunked")]
        [InlineData("Transfer-Encoding: chunked, chunked\r\n", "chunked, chunked")]
        [InlineData("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "chunked, chunked")]
        [InlineData("Transfer-Encoding:\r\n", "")]
        public async Task TransferCodingsOtherThanChunkedGet501(string headers, string quoted)
        {
            await AssertRefusedAsync("POST / HTTP/1.1\r\n" + headers + "\r\n", 501, $"The sandbox takes Transfer-Encoding: chunked only, not '{quoted}'.");
        }

        [Theory]
        [InlineData("chunked")]
        [InlineData("Chunked")]
        [InlineData(" chunked ,")]
        public async Task ChunkedTransferEncodingFramesTheBody(string coding)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("POST / HTTP/1.1\r\nTransfer-Encoding: " + coding + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
            HttpRequest? request = await HttpRequestReader.ReadAsync(pair.Connection, 1000);

            Assert.IsType<ChunkedBodyStream>(request!.Body);
            Assert.Null(request.Body.DeclaredLength);
            Assert.Equal("abc", await LoopbackPair.ReadToEndAsync(request.Body));
        }

        [Fact]
        public async Task ChunkedBodyIsBoundByTheServersLimit()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n");
            HttpRequest? request = await HttpRequestReader.ReadAsync(pair.Connection, 3);

            HttpProtocolException e = await Assert.ThrowsAsync<HttpProtocolException>(() => LoopbackPair.ReadToEndAsync(request!.Body));

            Assert.Equal(413, e.StatusCode);
            Assert.Equal("The request body is larger than the 3 bytes the sandbox accepts.", e.Message);
        }

        [Theory]
        [InlineData("HTTP/1.1", "Expect: 100-continue\r\nContent-Length: 3\r\n", true)]
        [InlineData("HTTP/1.1", "Expect: 100-Continue\r\nContent-Length: 3\r\n", true)]
        [InlineData("HTTP/1.1", "Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n", true)]
        [InlineData("HTTP/1.1", "Content-Length: 3\r\n", false)]
        [InlineData("HTTP/1.1", "Expect: something-else\r\nContent-Length: 3\r\n", false)]
        [InlineData("HTTP/1.0", "Expect: 100-continue\r\nContent-Length: 3\r\n", false)]
        public async Task OnlyAnHttpOneOneExpectationIsInvitedToContinue(string version, string headers, bool invited)
        {
            bool chunked = headers.Contains("chunked");
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("POST / " + version + "\r\n" + headers + "\r\n" + (chunked ? "3\r\nabc\r\n0\r\n\r\n" : "abc"));
            HttpRequest? request = await HttpRequestReader.ReadAsync(pair.Connection, 1000);

            Assert.Equal("abc", await LoopbackPair.ReadToEndAsync(request!.Body));
            pair.Connection.Abort();
            Assert.Equal(invited ? "HTTP/1.1 100 Continue\r\n\r\n" : "", Encoding.ASCII.GetString(await pair.ReceiveToEndAsync()));
        }

        private static string Headers(int count)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < count; i++) sb.Append("X-H").Append(i).Append(": ").Append(i).Append("\r\n");
            return sb.ToString();
        }
    }
}
