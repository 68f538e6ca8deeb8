using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>Responses as bytes on the wire: status line, the fixed headers, extra headers, Content-Length and body.</summary>
    public sealed class HttpResponseWriterTests
    {
        private static readonly Regex DateLine = new Regex("\r\nDate: ([^\r\n]*)\r\n");

        /// <summary>The serialized response with its Date value replaced by "{date}", after checking that value is now in RFC 1123 form.</summary>
        private static string Normalize(byte[] bytes, DateTime before, DateTime after)
        {
            string text = Encoding.ASCII.GetString(bytes);
            Match match = DateLine.Match(text);
            Assert.True(match.Success, text);
            DateTime date = DateTime.ParseExact(match.Groups[1].Value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.InRange(date, before.AddSeconds(-1), after.AddSeconds(1));
            return text.Replace(match.Groups[1].Value, "{date}");
        }

        private static string Serialize(HttpResponse response, bool keepAlive, bool headOnly)
        {
            DateTime before = DateTime.UtcNow;
            byte[] bytes = HttpResponseWriter.Serialize(response, keepAlive, headOnly);
            return Normalize(bytes, before, DateTime.UtcNow);
        }

        [Fact]
        public void KeepAliveResponseIsWrittenExactly()
        {
            var response = new HttpResponse(201, Encoding.UTF8.GetBytes("{\"a\":1}"));
            response.Headers.Add(new KeyValuePair<string, string>("X-One", "1"));
            response.Headers.Add(new KeyValuePair<string, string>("X-Two", "two words"));

            Assert.Equal(
                "HTTP/1.1 201 Created\r\n" +
                "Date: {date}\r\n" +
                "Server: Alpharun-Sandbox\r\n" +
                "Content-Type: application/json; charset=utf-8\r\n" +
                "Content-Length: 7\r\n" +
                "Connection: keep-alive\r\n" +
                "X-One: 1\r\n" +
                "X-Two: two words\r\n" +
                "\r\n" +
                "{\"a\":1}",
                Serialize(response, keepAlive: true, headOnly: false));
        }

        [Fact]
        public void ClosingResponseSaysConnectionClose()
        {
            var response = new HttpResponse(400, new byte[] { (byte)'x' }) { ContentType = "text/plain" };

            Assert.Equal(
                "HTTP/1.1 400 Bad Request\r\nDate: {date}\r\nServer: Alpharun-Sandbox\r\nContent-Type: text/plain\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx",
                Serialize(response, keepAlive: false, headOnly: false));
        }

        [Fact]
        public void HeadResponseKeepsTheBodysLengthButNotTheBody()
        {
            var response = new HttpResponse(200, Encoding.ASCII.GetBytes("hello"));

            Assert.Equal(
                "HTTP/1.1 200 OK\r\nDate: {date}\r\nServer: Alpharun-Sandbox\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\n",
                Serialize(response, keepAlive: true, headOnly: true));
        }

        [Fact]
        public void EmptyBodyHasContentLengthZero()
        {
            var response = new HttpResponse(404, Array.Empty<byte>());

            Assert.Equal(
                "HTTP/1.1 404 Not Found\r\nDate: {date}\r\nServer: Alpharun-Sandbox\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                Serialize(response, keepAlive: false, headOnly: false));
        }

        [Fact]
        public void BinaryBodyIsCopiedByteForByte()
        {
            byte[] body = new byte[300];
            for (int i = 0; i < body.Length; i++) body[i] = (byte)(255 - i % 256);

            byte[] bytes = HttpResponseWriter.Serialize(new HttpResponse(200, body), keepAlive: true, headOnly: false);

            Assert.Equal(body, bytes.AsSpan(bytes.Length - body.Length).ToArray());
            Assert.EndsWith("Content-Length: 300\r\nConnection: keep-alive\r\n\r\n", Encoding.ASCII.GetString(bytes, 0, bytes.Length - body.Length));
        }

        [Theory]
        [InlineData(200, "OK")]
        [InlineData(201, "Created")]
        [InlineData(400, "Bad Request")]
        [InlineData(401, "Unauthorized")]
        [InlineData(403, "Forbidden")]
        [InlineData(404, "Not Found")]
        [InlineData(405, "Method Not Allowed")]
        [InlineData(408, "Request Timeout")]
        [InlineData(409, "Conflict")]
        [InlineData(413, "Content Too Large")]
        [InlineData(422, "Unprocessable Content")]
        [InlineData(429, "Too Many Requests")]
        [InlineData(431, "Request Header Fields Too Large")]
        [InlineData(500, "Internal Server Error")]
        [InlineData(501, "Not Implemented")]
        [InlineData(502, "Bad Gateway")]
        [InlineData(503, "Service Unavailable")]
        [InlineData(504, "Gateway Timeout")]
        [InlineData(505, "HTTP Version Not Supported")]
        [InlineData(299, "Unknown")]
        [InlineData(418, "Unknown")]
        public void StatusLineCarriesTheReasonPhrase(int status, string reason)
        {
            byte[] bytes = HttpResponseWriter.Serialize(new HttpResponse(status, Array.Empty<byte>()), keepAlive: true, headOnly: false);

            Assert.StartsWith($"HTTP/1.1 {status} {reason}\r\nDate: ", Encoding.ASCII.GetString(bytes));
        }

        [Fact]
        public async Task WriteSendsTheSerializedResponse()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync();
            var response = HttpResponse.Error(422, "bad");
            DateTime before = DateTime.UtcNow;

            await HttpResponseWriter.WriteAsync(pair.Connection, response, keepAlive: false, headOnly: false);
            pair.Connection.Abort();

            Assert.Equal(
                "HTTP/1.1 422 Unprocessable Content\r\nDate: {date}\r\nServer: Alpharun-Sandbox\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{\"message\":\"bad\"}",
                Normalize(await pair.ReceiveToEndAsync(), before, DateTime.UtcNow));
        }

        [Fact]
        public async Task WriteOfAHeadResponseSendsNoBody()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync();
            DateTime before = DateTime.UtcNow;

            await HttpResponseWriter.WriteAsync(pair.Connection, HttpResponse.Error(405, "no"), keepAlive: true, headOnly: true);
            pair.Connection.Abort();

            Assert.Equal(
                "HTTP/1.1 405 Method Not Allowed\r\nDate: {date}\r\nServer: Alpharun-Sandbox\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 16\r\nConnection: keep-alive\r\n\r\n",
                Normalize(await pair.ReceiveToEndAsync(), before, DateTime.UtcNow));
        }
    }
}
