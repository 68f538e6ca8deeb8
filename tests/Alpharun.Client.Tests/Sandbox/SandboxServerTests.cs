using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>Starting, addressing and stopping the sandbox.</summary>
    public sealed class SandboxServerTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        [Fact]
        public void StartedServerListensOnLoopbackWithARandomKey()
        {
            DateTimeOffset before = DateTimeOffset.Now;
            using SandboxServer server = SandboxTestKit.StartServer();
            using SandboxServer other = SandboxTestKit.StartServer();

            Assert.True(server.IsRunning);
            Assert.InRange(server.Port, 1, 65535);
            Assert.Equal(new Uri($"http://127.0.0.1:{server.Port}/api/v1"), server.BaseUri);
            Assert.Equal($"http://127.0.0.1:{server.Port}/api/v1/recordings/upload", new AlpharunConnection(server.ApiKey, server.BaseUri).UploadUri.AbsoluteUri);
            Assert.InRange(server.StartedAt, before, DateTimeOffset.Now);
            Assert.StartsWith("sbx_", server.ApiKey.Reveal());
            Assert.Equal(52, server.ApiKey.Reveal().Length);
            Assert.NotEqual(server.ApiKey.Reveal(), other.ApiKey.Reveal());
            Assert.Empty(server.GetRecordings());
        }

        [Fact]
        public async Task TwoServersOnFreePortsServeAtOnce()
        {
            using SandboxServer first = SandboxTestKit.StartServer();
            using SandboxServer second = SandboxTestKit.StartServer();
            using AlpharunClient firstClient = SandboxTestKit.ClientFor(first);
            using AlpharunClient secondClient = SandboxTestKit.ClientFor(second);
            string path = _files.Create("call.wav");

            RecordingUpload[] uploads = await Task.WhenAll(
                firstClient.UploadRecordingAsync(SandboxTestKit.Request(path)),
                secondClient.UploadRecordingAsync(SandboxTestKit.Request(path)));

            Assert.NotEqual(first.Port, second.Port);
            Assert.All(uploads, u => Assert.Equal(RecordingUploadStatus.Created, u.Status));
            Assert.Equal(uploads[0].RecordingId, Assert.Single(first.GetRecordings()).RecordingId);
            Assert.Equal(uploads[1].RecordingId, Assert.Single(second.GetRecordings()).RecordingId);
            Assert.NotEqual(uploads[0].RecordingId, uploads[1].RecordingId);
        }

        [Fact]
        public async Task KeyOfOneServerIsRefusedByAnother()
        {
            using SandboxServer first = SandboxTestKit.StartServer();
            using SandboxServer second = SandboxTestKit.StartServer();
            using var client = new AlpharunClient(new AlpharunConnection(first.ApiKey, second.BaseUri));

            AlpharunApiException e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("call.wav"))));

            Assert.Equal(401, e.StatusCode);
        }

        [Fact]
        public async Task StopMakesThePortRefuseConnections()
        {
            SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            await client.UploadRecordingAsync(SandboxTestKit.Request(_files.Create("call.wav")));

            server.Stop();

            Assert.False(server.IsRunning);
            using var tcp = new TcpClient();
            SocketException e = await Assert.ThrowsAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, server.Port));
            Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
            Assert.Single(server.GetRecordings());
        }

        [Fact]
        public async Task StopClosesOpenConnectionsPromptly()
        {
            SandboxServer server = SandboxTestKit.StartServer();
            using RawHttpConnection idle = await RawHttpConnection.OpenAsync(server.Port);
            using RawHttpConnection midBody = await RawHttpConnection.OpenAsync(server.Port);
            await midBody.SendAsync(RawHttpConnection.Head(server, new[] { "Content-Type: " + new FormBuilder().ContentType, "Content-Length: 100000" }));
            await midBody.SendAsync(new byte[1000]);
            // Its head passed the key check, so it is inside the upload endpoint; the idle connection, accepted before it
            // by the one accept loop, is open too.
            await Poll.UntilAsync(() => server.UploadRequestCount == 1, "the sandbox took the mid-body request");
            var elapsed = Stopwatch.StartNew();

            server.Stop();

            Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
            Assert.True(await idle.ServerClosedAsync());
            Assert.True(await midBody.ServerClosedAsync());
        }

        [Fact]
        public void StopIsIdempotentAndDisposeStops()
        {
            SandboxServer server = SandboxTestKit.StartServer();

            server.Stop();
            server.Stop();
            server.Dispose();

            Assert.False(server.IsRunning);
        }

        [Fact]
        public void PortInUseFailsWithInvalidOperationException()
        {
            using SandboxServer taken = SandboxTestKit.StartServer();

            InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => SandboxServer.Start(new SandboxOptions { Port = taken.Port }));

            Assert.Equal($"Port {taken.Port} on 127.0.0.1 is already in use by another program.", e.Message);
            Assert.IsType<SocketException>(e.InnerException);
            Assert.True(taken.IsRunning);
        }

        [Fact]
        public async Task StoppedServersPortCanBeTakenAgainAtOnce()
        {
            string path = _files.Create("call.wav");
            SandboxServer first = SandboxTestKit.StartServer();
            using (AlpharunClient firstClient = SandboxTestKit.ClientFor(first))
            {
                // Traffic first, so that closed connections linger on the port when it is taken again.
                await firstClient.UploadRecordingAsync(SandboxTestKit.Request(path));
            }
            first.Stop();

            using SandboxServer second = SandboxServer.Start(new SandboxOptions { Port = first.Port });
            using AlpharunClient client = SandboxTestKit.ClientFor(second);
            RecordingUpload upload = await client.UploadRecordingAsync(SandboxTestKit.Request(path));

            Assert.Equal(first.Port, second.Port);
            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Single(second.GetRecordings());
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(65536)]
        public void PortOutOfRangeIsRefused(int port)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => SandboxServer.Start(new SandboxOptions { Port = port }));
        }

        [Fact]
        public void NonPositiveMaxBodyBytesIsRefused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => SandboxServer.Start(new SandboxOptions { MaxBodyBytes = 0 }));
        }

        [Fact]
        public void DefaultOptionsAllowA4GiBBodyAndCompareTeammatesIgnoringCase()
        {
            var options = new SandboxOptions();
            options.TeammatesWithoutRouting.Add("Ann@Acme.com");
            options.TeammatesWithoutRouting.Add("ann@acme.COM");

            Assert.Equal(4L * 1024 * 1024 * 1024, options.MaxBodyBytes);
            Assert.Equal(0, options.Port);
            Assert.Null(options.ApiKey);
            Assert.Single(options.TeammatesWithoutRouting);
            Assert.Contains("ANN@ACME.COM", options.TeammatesWithoutRouting);
        }
    }
}
