using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// A real socket on a slow link (issue 18, item 3): the client's last write completes when its bytes are in the
    /// operating system's send buffer (up to 4 MiB here, net.ipv4.tcp_wmem), which then drains at the link's pace while
    /// the client already waits for the answer. The "link" is a loopback server with a small receive buffer that reads
    /// at a fixed pace, then answers.
    /// </summary>
    public sealed class SendBufferDrainTests : IDisposable
    {
        private static readonly Guid Id = Guid.Parse("0b8c4f5e-1111-4a2b-9c3d-444455556666");
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        /// <summary>Reads each request's body <paramref name="chunk"/> bytes per <paramref name="pause"/>, then answers (or not).</summary>
        private sealed class PacedServer : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private readonly TaskCompletionSource<long> _bodyRead = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);

            public PacedServer(int chunk, TimeSpan pause, bool answer)
            {
                // Small, so that what the client sent waits in the client's send buffer, not in this side's kernel.
                _listener.Server.ReceiveBufferSize = 64 * 1024;
                _listener.Start();
                BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/v1");
                _ = Task.Run(() => ServeAsync(chunk, pause, answer));
            }

            public Uri BaseUri { get; }

            /// <summary>Completes with the body bytes read once the whole body was read.</summary>
            public Task<long> BodyRead => _bodyRead.Task;

            private async Task ServeAsync(int chunk, TimeSpan pause, bool answer)
            {
                try
                {
                    using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    NetworkStream stream = client.GetStream();
                    var head = new StringBuilder();
                    var one = new byte[1];
                    while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                    {
                        if (await stream.ReadAsync(one, _stop.Token) == 0) return;
                        head.Append((char)one[0]);
                    }
                    long length = 0;
                    foreach (string line in head.ToString().Split("\r\n"))
                    {
                        if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = long.Parse(line.Substring(15).Trim(), CultureInfo.InvariantCulture);
                    }
                    var buffer = new byte[chunk];
                    long read = 0;
                    while (read < length)
                    {
                        // The link's pace: the subject of the test, not a synchronisation.
                        await Task.Delay(pause, _stop.Token);
                        int n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(chunk, length - read)), _stop.Token);
                        if (n == 0) return;
                        read += n;
                    }
                    _bodyRead.TrySetResult(read);
                    if (!answer)
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        return;
                    }
                    string json = "{\"data\":{\"recording\":{\"id\":\"" + Id + "\"}}}";
                    byte[] bytes = Encoding.ASCII.GetBytes($"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\nConnection: close\r\n\r\n{json}");
                    await stream.WriteAsync(bytes, _stop.Token);
                    client.Client.Shutdown(SocketShutdown.Send);
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException || e is IOException || e is SocketException || e is ObjectDisposedException)
                {
                    // The test ended, or the client went away.
                }
            }

            public void Dispose()
            {
                _stop.Cancel();
                _listener.Stop();
            }
        }

        private RecordingUploadRequest Request(string name, int length) =>
            new RecordingUploadRequest(_files.Create(name, length), "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "bob@client.com") });

        [Fact]
        public async Task TheBytesStillInTheSendBufferAreAwaitedPastTheTimeoutOnceTheBodyIsHandedOver()
        {
            // 8 MiB read at about 1.3 MB/s (64 KiB every 50 ms) against a 2 s timeout: the body's last write completes
            // while about 4 MiB still sit in the send buffer, some 3 s of draining. The writes before it waited for room
            // at the link's pace, which the allowance is measured from.
            using var server = new PacedServer(64 * 1024, TimeSpan.FromMilliseconds(50), answer: true);
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k-drain"), server.BaseUri))
            {
                Timeout = TimeSpan.FromSeconds(2),
                RetryPolicy = RetryPolicy.None,
            };
            RecordingUploadRequest request = Request("slow-link.wav", 8 * 1024 * 1024);

            RecordingUpload upload = await client.UploadRecordingAsync(request).WaitAsync(TimeSpan.FromMinutes(2));

            Assert.Equal((RecordingUploadStatus.Created, Id, 1), (upload.Status, upload.RecordingId, upload.Attempts));
            Assert.True(await server.BodyRead > 8 * 1024 * 1024);
        }

        [Fact]
        public async Task NoAnswerAfterTheWholeBodyWentSaysTheApiMayHoldTheRecordingAndARerunIsSafe()
        {
            // A small body goes into the buffers at once (no pace to measure, no allowance): the timeout counts from its last byte.
            using var server = new PacedServer(64 * 1024, TimeSpan.Zero, answer: false);
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k-drain"), server.BaseUri))
            {
                Timeout = TimeSpan.FromSeconds(1),
                RetryPolicy = RetryPolicy.None,
            };
            RecordingUploadRequest request = Request("unanswered.wav", 20000);

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request).WaitAsync(TimeSpan.FromMinutes(1)));

            Assert.Equal((ApiErrorKind.Timeout, (int?)null, 1), (e.Kind, e.StatusCode, e.Attempts));
            Assert.Equal($"All of '{request.FilePath}' was sent to {server.BaseUri}, but no answer came within 1 s after its last byte. The API may hold the recording: send it again, which is safe (the API answers 200, AlreadyExisted, for a recording it has); on a slow link, raise -TimeoutSec.", e.Message);
            Assert.True(server.BodyRead.IsCompletedSuccessfully);
        }
    }
}
