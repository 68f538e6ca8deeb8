using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>HTTP/1.1 over a raw socket: chunked bodies, 100-continue, keep-alive, and requests cut short or malformed.</summary>
    public sealed class SandboxProtocolTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();
        private readonly SandboxServer _server = SandboxTestKit.StartServer();

        public void Dispose()
        {
            _server.Dispose();
            _files.Dispose();
        }

        [Fact]
        public async Task ChunkedBodyIsAccepted()
        {
            FormBuilder form = FormBuilder.Upload(audio: FormBuilder.Audio(100_000, 11));
            byte[] body = form.Build();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: " + form.ContentType, "Transfer-Encoding: chunked" }));
            var random = new Random(4);
            for (int sent = 0; sent < body.Length;)
            {
                int size = Math.Min(body.Length - sent, random.Next(1, 20_000));
                // Upper-case hex and a chunk extension, both allowed by RFC 9112.
                await connection.SendAsync($"{size:X};ext=1\r\n");
                await connection.SendAsync(body.Skip(sent).Take(size).ToArray());
                await connection.SendAsync("\r\n");
                sent += size;
            }
            await connection.SendAsync("0\r\nX-Trailer: done\r\n\r\n");
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(201, response.Status);
            Assert.Equal("keep-alive", response.Header("Connection"));
            SandboxRecording recording = Assert.Single(_server.GetRecordings());
            Assert.Equal(response.ToAnswer().RecordingId, recording.RecordingId);
            Assert.Equal(100_000, recording.Size);
            Assert.Equal(SandboxUploadTests.Sha256Hex(FormBuilder.Audio(100_000, 11)), recording.Sha256);
        }

        [Fact]
        public async Task ExpectContinueGets100BeforeTheBody()
        {
            FormBuilder form = FormBuilder.Upload();
            byte[] body = form.Build();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: " + form.ContentType, $"Content-Length: {body.Length}", "Expect: 100-continue" }));
            RawResponse interim = await connection.ReadResponseAsync();
            await connection.SendAsync(body);
            RawResponse final = await connection.ReadResponseAsync();

            Assert.Equal(100, interim.Status);
            Assert.Empty(interim.Headers);
            Assert.Equal(201, final.Status);
            Assert.Single(_server.GetRecordings());
        }

        [Fact]
        public async Task ExpectContinueWithWrongKeyGets401WithoutContinueAndTheConnectionCloses()
        {
            FormBuilder form = FormBuilder.Upload();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: " + form.ContentType, $"Content-Length: {form.Build().Length}", "Expect: 100-continue" }, key: "wrong"));
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(401, response.Status);
            Assert.Equal("close", response.Header("Connection"));
            Assert.True(await connection.ServerClosedAsync());
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task KeepAliveConnectionCarriesSeveralRequests()
        {
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);
            var statuses = new List<int>();

            foreach (FormBuilder form in new[] { FormBuilder.Upload(), FormBuilder.Upload(contacts: "[]"), FormBuilder.Upload() })
            {
                byte[] body = form.Build();
                await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: " + form.ContentType, $"Content-Length: {body.Length}" }));
                await connection.SendAsync(body);
                RawResponse response = await connection.ReadResponseAsync();
                statuses.Add(response.Status);
                Assert.Equal("keep-alive", response.Header("Connection"));
            }
            await connection.SendAsync(RawHttpConnection.Head(_server, Array.Empty<string>(), method: "GET", target: "/nowhere"));
            statuses.Add((await connection.ReadResponseAsync()).Status);

            Assert.Equal(new[] { 201, 422, 200, 404 }, statuses);
            Assert.Equal(2, _server.GetRecordings().Count);
        }

        [Fact]
        public async Task ConnectionCloseIsHonoured()
        {
            FormBuilder form = FormBuilder.Upload();
            byte[] body = form.Build();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: " + form.ContentType, $"Content-Length: {body.Length}", "Connection: close" }));
            await connection.SendAsync(body);
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(201, response.Status);
            Assert.Equal("close", response.Header("Connection"));
            Assert.True(await connection.ServerClosedAsync());
        }

        [Fact]
        public async Task HeadRequestGetsHeadersWithoutBody()
        {
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, Array.Empty<string>(), method: "HEAD"));
            await connection.SendAsync(RawHttpConnection.Head(_server, Array.Empty<string>(), method: "GET", target: "/x"));
            RawResponse head = await ReadHeadOnlyAsync(connection);
            RawResponse next = await connection.ReadResponseAsync();

            Assert.Equal(405, head.Status);
            Assert.Equal(404, next.Status);
        }

        [Fact]
        public async Task MultipartCutShortWithinItsLengthGets400AndTheNextUploadSucceeds()
        {
            byte[] body = FormBuilder.Upload().Build(close: false);
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: " + new FormBuilder().ContentType, $"Content-Length: {body.Length}" }));
            await connection.SendAsync(body);
            RawResponse response = await connection.ReadResponseAsync();
            using AlpharunClient client = SandboxTestKit.ClientFor(_server);
            RecordingUpload upload = await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("call.wav")));

            Assert.Equal(400, response.Status);
            Assert.Equal("The body ended inside part 4, before the closing delimiter '--sandbox-test-boundary--'. The upload is incomplete.", response.ToAnswer().Message);
            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Equal("call.wav", Assert.Single(_server.GetRecordings()).FileName);
        }

        [Fact]
        public async Task BodyCutShortByTheClientGets400AndTheNextUploadSucceeds()
        {
            FormBuilder form = FormBuilder.Upload(audio: FormBuilder.Audio(50_000, 2));
            byte[] body = form.Build();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: " + form.ContentType, $"Content-Length: {body.Length}" }));
            await connection.SendAsync(body.Take(30_000).ToArray());
            connection.ShutdownSend();
            RawResponse response = await connection.ReadResponseAsync();
            using AlpharunClient client = SandboxTestKit.ClientFor(_server);
            RecordingUpload upload = await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("call.wav")));

            Assert.Equal(400, response.Status);
            Assert.Equal("close", response.Header("Connection"));
            Assert.Equal($"The request body ended after 30000 of the {body.Length} bytes its Content-Length announced.", response.ToAnswer().Message);
            Assert.True(await connection.ServerClosedAsync());
            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Single(_server.GetRecordings());
        }

        [Fact]
        public async Task ChunkedBodyCutShortGets400AndNothingIsRecorded()
        {
            FormBuilder form = FormBuilder.Upload();
            byte[] body = form.Build();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: " + form.ContentType, "Transfer-Encoding: chunked" }));
            await connection.SendAsync($"{body.Length:x}\r\n");
            await connection.SendAsync(body);
            await connection.SendAsync("\r\n");
            connection.ShutdownSend();
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(400, response.Status);
            Assert.Equal("The chunked request body ended before its last (zero-size) chunk.", response.ToAnswer().Message);
            Assert.Empty(_server.GetRecordings());
        }

        [Fact]
        public async Task ChunkedBodyOverMaxBodyBytesGets413()
        {
            using SandboxServer server = SandboxTestKit.StartServer(o => o.MaxBodyBytes = 10_000);
            FormBuilder form = FormBuilder.Upload(audio: FormBuilder.Audio(20_000, 1));
            byte[] body = form.Build();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(server.Port);

            await connection.SendAsync(RawHttpConnection.Head(server, new[] { "Content-Type: " + form.ContentType, "Transfer-Encoding: chunked" }));
            await connection.SendAsync($"{body.Length:x}\r\n");
            await connection.SendAsync(body);
            await connection.SendAsync("\r\n0\r\n\r\n");
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(413, response.Status);
            Assert.Equal("close", response.Header("Connection"));
            Assert.Equal("The request body is larger than the 10000 bytes the sandbox accepts.", response.ToAnswer().Message);
            Assert.Empty(server.GetRecordings());
        }

        [Theory]
        [InlineData("zz\r\n", "'zz' is not a chunk size line.")]
        [InlineData("5\r\nabcdefg\r\n", "A chunk of the request body is longer than its size line says.")]
        public async Task MalformedChunkGets400(string chunk, string message)
        {
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: " + new FormBuilder().ContentType, "Transfer-Encoding: chunked" }));
            await connection.SendAsync(chunk);
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(400, response.Status);
            Assert.Equal(message, response.ToAnswer().Message);
            Assert.True(await connection.ServerClosedAsync());
        }

        [Theory]
        [InlineData("Transfer-Encoding: chunked\r\nContent-Length: 10", 400, "The request has both Transfer-Encoding and Content-Length.")]
        [InlineData("Transfer-Encoding: gzip, chunked", 501, "The sandbox takes Transfer-Encoding: chunked only, not 'gzip, chunked'.")]
        [InlineData("Content-Length: ten", 400, "The Content-Length 'ten' is not a number of bytes.")]
        [InlineData("Content-Length: 10\r\nContent-Length: 11", 400, "The request has several different Content-Length values.")]
        public async Task BadBodyFramingGets400AndCloses(string headers, int status, string message)
        {
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, headers.Split("\r\n")));
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(status, response.Status);
            Assert.Equal(message, response.ToAnswer().Message);
            Assert.Equal("close", response.Header("Connection"));
            Assert.True(await connection.ServerClosedAsync());
        }

        [Theory]
        [InlineData("GARBAGE\r\n\r\n", 400, "The request line is not 'METHOD target HTTP/1.1'.")]
        [InlineData("GET / HTTP/2.0\r\n\r\n", 505, "The sandbox speaks HTTP/1.1, not 'HTTP/2.0'.")]
        [InlineData("GET / HTTP/1.1\r\nNo colon here\r\n\r\n", 400, "A request header line is not 'Name: value'.")]
        [InlineData("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", 400, "The request uses obsolete header line folding.")]
        public async Task MalformedHeadGets400AndTheServerGoesOn(string head, int status, string message)
        {
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(head);
            RawResponse response = await connection.ReadResponseAsync();
            using AlpharunClient client = SandboxTestKit.ClientFor(_server);
            RecordingUpload upload = await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("call.wav")));

            Assert.Equal(status, response.Status);
            Assert.Equal(message, response.ToAnswer().Message);
            Assert.True(await connection.ServerClosedAsync());
            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
        }

        [Fact]
        public async Task HeaderSectionOver64KiBGets431()
        {
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, Enumerable.Range(0, 90).Select(i => $"X-Filler-{i}: {new string('a', 1000)}")));
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(431, response.Status);
            Assert.Equal("The request's header section is larger than 64 KiB.", response.ToAnswer().Message);
        }

        [Fact]
        public async Task MoreThan100HeadersGet431()
        {
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, Enumerable.Range(0, 100).Select(i => $"X-H{i}: v")));
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(431, response.Status);
            Assert.Equal("The request has more than 100 headers.", response.ToAnswer().Message);
        }

        [Fact]
        public async Task HttpOneZeroRequestIsAnsweredAndClosed()
        {
            FormBuilder form = FormBuilder.Upload();
            byte[] body = form.Build();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync($"POST {SandboxServer.UploadPath} HTTP/1.0\r\nAuthorization: Bearer {_server.ApiKey.Reveal()}\r\nContent-Type: {form.ContentType}\r\nContent-Length: {body.Length}\r\n\r\n");
            await connection.SendAsync(body);
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(201, response.Status);
            Assert.Equal("close", response.Header("Connection"));
            Assert.True(await connection.ServerClosedAsync());
        }

        [Fact]
        public async Task StalledClientIsDisconnectedAfterTheIdleTimeout()
        {
            using SandboxServer server = SandboxTestKit.StartServer(o => o.IdleTimeout = TimeSpan.FromMilliseconds(300));
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(server.Port);
            var elapsed = Stopwatch.StartNew();

            await connection.SendAsync(RawHttpConnection.Head(server, new[] { "Content-Type: " + new FormBuilder().ContentType, "Content-Length: 1000" }));
            bool closed = await connection.ServerClosedAsync();

            Assert.True(closed);
            Assert.InRange(elapsed.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
            Assert.Empty(server.GetRecordings());
        }

        // A HEAD answer has a Content-Length but no body; read just its head.
        private static async Task<RawResponse> ReadHeadOnlyAsync(RawHttpConnection connection)
        {
            var raw = new List<byte>();
            while (!EndsWithEmptyLine(raw))
            {
                // One byte at a time keeps the next response's bytes unread.
                raw.Add((await connection.ReadExactAsync(1))[0]);
            }
            string[] headLines = Encoding.ASCII.GetString(raw.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var headers = headLines.Skip(1).ToDictionary(l => l.Substring(0, l.IndexOf(':')), l => l.Substring(l.IndexOf(':') + 1).Trim(), StringComparer.OrdinalIgnoreCase);
            return new RawResponse(int.Parse(headLines[0].Split(' ')[1]), headers, string.Empty);
        }

        private static bool EndsWithEmptyLine(List<byte> raw) =>
            raw.Count >= 4 && raw[raw.Count - 4] == '\r' && raw[raw.Count - 3] == '\n' && raw[raw.Count - 2] == '\r' && raw[raw.Count - 1] == '\n';
    }
}
