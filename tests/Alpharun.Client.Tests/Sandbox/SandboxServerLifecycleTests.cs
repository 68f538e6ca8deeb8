using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>
    /// The sandbox server's own rules: which options it refuses and how, which connections it keeps open or closes,
    /// how it routes a path, and what Stop does to a connection it is serving.
    /// </summary>
    public sealed class SandboxServerLifecycleTests
    {
        // Long enough that only the behaviour under test, never a watchdog, closes a connection within a test.
        private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);
        private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(60);

        [Fact]
        public void NullOptionsAreRefusedNamingThem()
        {
            ArgumentNullException e = Assert.Throws<ArgumentNullException>(() => SandboxServer.Start(null!));

            Assert.Equal("options", e.ParamName);
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(65536)]
        [InlineData(int.MinValue)]
        [InlineData(int.MaxValue)]
        public void PortOutOfRangeIsRefusedByTheSandboxWithItsRange(int port)
        {
            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => SandboxServer.Start(new SandboxOptions { Port = port }));

            Assert.Equal("options", e.ParamName);
            Assert.Equal(port, e.ActualValue);
            Assert.StartsWith("The port must be 0 (any free port) to 65535. (Parameter 'options')", e.Message);
        }

        [Fact]
        public void HighestPortIsInRange()
        {
            // 65535 may be taken by another program; then Start says so, but it never calls the port out of range.
            try
            {
                using SandboxServer server = SandboxServer.Start(new SandboxOptions { Port = 65535 });
                Assert.Equal(65535, server.Port);
            }
            catch (InvalidOperationException e)
            {
                Assert.Equal("Port 65535 on 127.0.0.1 is already in use by another program.", e.Message);
            }
        }

        [Theory]
        [InlineData(0L)]
        [InlineData(-1L)]
        public void NonPositiveMaxBodyBytesIsRefusedWithItsReason(long max)
        {
            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => SandboxServer.Start(new SandboxOptions { MaxBodyBytes = max }));

            Assert.Equal("options", e.ParamName);
            Assert.Equal(max, e.ActualValue);
            Assert.StartsWith("MaxBodyBytes must be positive. (Parameter 'options')", e.Message);
        }

        [Theory]
        [InlineData(0L)]
        [InlineData(-1L)]
        public void NonPositiveIdleTimeoutIsRefusedWithItsReason(long ticks)
        {
            var timeout = TimeSpan.FromTicks(ticks);

            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => SandboxServer.Start(new SandboxOptions { IdleTimeout = timeout }));

            Assert.Equal("options", e.ParamName);
            Assert.Equal(timeout, e.ActualValue);
            Assert.StartsWith("The idle timeout must be positive. (Parameter 'options')", e.Message);
        }

        [Fact]
        public void SmallestIdleTimeoutIsAccepted()
        {
            using SandboxServer server = SandboxServer.Start(new SandboxOptions { IdleTimeout = TimeSpan.FromTicks(1) });

            Assert.True(server.IsRunning);
        }

        [Fact]
        public async Task StopClosesAKeepAliveConnectionBetweenRequests()
        {
            SandboxServer server = StartPatient();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(server.Port);
            await connection.SendAsync(Get(server, "/"));
            RawResponse first = await connection.ReadResponseAsync();
            Assert.Equal(404, first.Status);
            Assert.Equal("keep-alive", first.Header("Connection"));

            server.Stop();

            // Neither the idle nor the header watchdog fires for minutes: only Stop can have closed it.
            Assert.True(await connection.ServerClosedAsync());
        }

        [Fact]
        public async Task ClientsEndOfStreamClosesTheServersSide()
        {
            using SandboxServer server = StartPatient();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(server.Port);
            await connection.SendAsync(Get(server, "/"));
            Assert.Equal(404, (await connection.ReadResponseAsync()).Status);

            connection.ShutdownSend();

            Assert.True(await connection.ServerClosedAsync());
            Assert.True(server.IsRunning);
        }

        [Fact]
        public async Task UploadPathWithATrailingSlashIsTheUploadEndpoint()
        {
            using SandboxServer server = SandboxTestKit.StartServer();

            ApiAnswer answer = await SandboxTestKit.PostAsync(server, FormBuilder.Upload().ToContent(), uri: SandboxTestKit.UploadUri(server) + "/");

            Assert.Equal(201, answer.Status);
            Assert.Equal(answer.RecordingId, Assert.Single(server.GetRecordings()).RecordingId);
        }

        [Fact]
        public async Task UploadPathWithATrailingSlashStillNeedsTheKey()
        {
            using SandboxServer server = SandboxTestKit.StartServer();

            ApiAnswer answer = await SandboxTestKit.PostAsync(server, FormBuilder.Upload().ToContent(), key: "", uri: SandboxTestKit.UploadUri(server) + "/");

            Assert.Equal(401, answer.Status);
            Assert.Empty(server.GetRecordings());
        }

        [Fact]
        public async Task RefusedKeyClosesTheConnectionEvenWithoutABody()
        {
            using SandboxServer server = StartPatient();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(server.Port);
            await connection.SendAsync(RawHttpConnection.Head(server, new[] { "Content-Length: 0" }, key: "sbx_wrong"));

            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(401, response.Status);
            Assert.Equal("Bearer", response.Header("WWW-Authenticate"));
            Assert.Equal("close", response.Header("Connection"));
            Assert.True(await connection.ServerClosedAsync());
        }

        [Fact]
        public async Task RefusedConnectionKeepsReadingTheUnwantedBodyUntilTheClientIsDone()
        {
            using SandboxServer server = StartPatient();
            const int BodyLength = 512 * 1024;
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(System.Net.IPAddress.Loopback, server.Port);
            NetworkStream stream = tcp.GetStream();
            byte[] head = Encoding.ASCII.GetBytes(RawHttpConnection.Head(server, new[] { "Content-Type: application/octet-stream", "Content-Length: " + BodyLength }, key: "sbx_wrong"));
            await stream.WriteAsync(head);
            string answer = await ReadUntilEndAsync(stream, untilText: "\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 401 ", answer);

            // The server has answered and shut its side, but it reads on, so the body the client had committed to
            // goes through without a reset, and the close is a clean end of stream.
            byte[] chunk = new byte[16 * 1024];
            for (int sent = 0; sent < BodyLength; sent += chunk.Length) await stream.WriteAsync(chunk);
            tcp.Client.Shutdown(SocketShutdown.Send);
            string rest = await ReadUntilEndAsync(stream, untilText: null);

            Assert.Contains("Connection: close\r\n", answer + rest);
        }

        [Fact]
        public async Task DeclaredBodyOverTheLimitIsRefusedAndClosesTheConnection()
        {
            using SandboxServer server = StartPatient(o => o.MaxBodyBytes = 16);
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(server.Port);
            // Small enough to be drained, so only the refusal itself can close the connection.
            await connection.SendAsync(RawHttpConnection.Head(server, new[] { "Content-Type: application/octet-stream", "Content-Length: 17" }));
            await connection.SendAsync(new byte[17]);

            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(413, response.Status);
            Assert.Equal("The request body is 17 bytes; the sandbox accepts at most 16.", response.ToAnswer().Message);
            Assert.Equal("close", response.Header("Connection"));
            Assert.True(await connection.ServerClosedAsync());
            Assert.Equal(1, server.UploadRequestCount);
            Assert.Empty(server.GetRecordings());
        }

        [Fact]
        public async Task BodyOfExactlyTheLimitIsAccepted()
        {
            byte[] body = FormBuilder.Upload().Build();
            using SandboxServer server = SandboxTestKit.StartServer(o => o.MaxBodyBytes = body.Length);

            ApiAnswer answer = await SandboxTestKit.PostAsync(server, FormBuilder.Upload().ToContent());

            Assert.Equal(201, answer.Status);
            Assert.Single(server.GetRecordings());
        }

        [Fact]
        public async Task BodyOneByteOverTheLimitIsRefused()
        {
            byte[] body = FormBuilder.Upload().Build();
            using SandboxServer server = SandboxTestKit.StartServer(o => o.MaxBodyBytes = body.Length - 1);

            ApiAnswer answer = await SandboxTestKit.PostAsync(server, FormBuilder.Upload().ToContent());

            Assert.Equal(413, answer.Status);
            Assert.Equal($"The request body is {body.Length} bytes; the sandbox accepts at most {body.Length - 1}.", answer.Message);
            Assert.Empty(server.GetRecordings());
        }

        [Fact]
        public async Task FaultForOneFileAnswersThatFileOnly()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Status(503, fileName: "bad.wav"));

            ApiAnswer good = await SandboxTestKit.PostAsync(server, FormBuilder.Upload(fileName: "good.wav").ToContent());
            ApiAnswer bad = await SandboxTestKit.PostAsync(server, FormBuilder.Upload(fileName: "bad.wav").ToContent());

            Assert.Equal(201, good.Status);
            Assert.Equal(503, bad.Status);
            Assert.Equal("good.wav", Assert.Single(server.GetRecordings()).FileName);
            Assert.Empty(server.PendingFaults);
        }

        [Fact]
        public async Task StopDuringAStallEndsTheConnectionWithoutAnAnswer()
        {
            SandboxServer server = StartPatient();
            server.AddFault(SandboxFault.Stall(Long));
            byte[] body = FormBuilder.Upload().Build();
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(server.Port);
            await connection.SendAsync(RawHttpConnection.Head(server, new[] { "Content-Type: " + new FormBuilder().ContentType, "Content-Length: " + body.Length }));
            await connection.SendAsync(body);
            // Recorded, so the handler has read the body and is inside the stall.
            await Poll.UntilAsync(() => server.GetRecordings().Count == 1, "the stalled upload was recorded", PollLimit);

            server.Stop();

            await Assert.ThrowsAnyAsync<IOException>(() => connection.ReadResponseAsync());
        }

        private static SandboxServer StartPatient(Action<SandboxOptions>? configure = null) =>
            SandboxTestKit.StartServer(o =>
            {
                o.IdleTimeout = Long;
                o.HeaderTimeout = Long;
                configure?.Invoke(o);
            });

        private static string Get(SandboxServer server, string target) =>
            RawHttpConnection.Head(server, Array.Empty<string>(), method: "GET", target: target);

        // Reads until untilText has arrived (null: until the end of the stream), with a deadline that fails the test.
        private static async Task<string> ReadUntilEndAsync(NetworkStream stream, string? untilText)
        {
            using var deadline = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(30));
            var text = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (untilText is null || !text.ToString().Contains(untilText, StringComparison.Ordinal))
            {
                int n = await stream.ReadAsync(buffer.AsMemory(), deadline.Token);
                if (n == 0)
                {
                    if (untilText is null) break;
                    throw new EndOfStreamException("The server closed before sending " + untilText.Trim());
                }
                text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            return text.ToString();
        }
    }
}
