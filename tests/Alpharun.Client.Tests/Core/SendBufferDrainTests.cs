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

        /// <summary>
        /// Reads each request's body <paramref name="chunk"/> bytes per <paramref name="pause"/>, then answers (or not). It
        /// runs on a thread of its own with blocking reads, so a busy thread pool (other tests, a loaded machine) does not
        /// stall the "link" itself.
        /// </summary>
        private sealed class PacedServer : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly CancellationTokenSource _stop = new CancellationTokenSource();
            private readonly TaskCompletionSource<long> _bodyRead = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            private readonly Thread _thread;

            public PacedServer(int chunk, TimeSpan pause, bool answer)
            {
                // Small, so that what the client sent waits in the client's send buffer, not in this side's kernel.
                _listener.Server.ReceiveBufferSize = 64 * 1024;
                _listener.Start();
                BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/api/v1");
                _thread = new Thread(() => Serve(chunk, pause, answer)) { IsBackground = true, Name = "paced-link", Priority = ThreadPriority.AboveNormal };
                _thread.Start();
            }

            public Uri BaseUri { get; }

            /// <summary>Completes with the body bytes read once the whole body was read.</summary>
            public Task<long> BodyRead => _bodyRead.Task;

            private void Serve(int chunk, TimeSpan pause, bool answer)
            {
                try
                {
                    using TcpClient client = _listener.AcceptTcpClient();
                    NetworkStream stream = client.GetStream();
                    var head = new StringBuilder();
                    var one = new byte[1];
                    while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                    {
                        if (stream.Read(one, 0, 1) == 0) return;
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
                        if (pause > TimeSpan.Zero) Thread.Sleep(pause);
                        int n = stream.Read(buffer, 0, (int)Math.Min(chunk, length - read));
                        if (n == 0) return;
                        read += n;
                    }
                    _bodyRead.TrySetResult(read);
                    if (answer)
                    {
                        string json = "{\"data\":{\"recording\":{\"id\":\"" + Id + "\"}}}";
                        byte[] bytes = Encoding.ASCII.GetBytes($"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\nConnection: close\r\n\r\n{json}");
                        stream.Write(bytes, 0, bytes.Length);
                        client.Client.Shutdown(SocketShutdown.Send);
                    }
                    _stop.Token.WaitHandle.WaitOne();
                }
                catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    // The test ended, or the client went away.
                }
            }

            public void Dispose()
            {
                _stop.Cancel();
                _listener.Stop();
                _thread.Join(TimeSpan.FromSeconds(10));
            }
        }

        private RecordingUploadRequest Request(string name, int length) =>
            new RecordingUploadRequest(_files.Create(name, length), "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "bob@client.com") });

        [Fact]
        public async Task TheBytesStillInTheSendBufferAreAwaitedPastTheTimeoutOnceTheBodyIsHandedOver()
        {
            // 8 MiB read at about 1 MB/s (64 KiB every 64 ms) against a 3 s timeout: the body's last write completes
            // while about 4 MiB still sit in the send buffer (net.ipv4.tcp_wmem's 4 MiB), some 4 s of draining. The
            // writes before it waited for room at the link's pace, which the allowance is measured from.
            using var server = new PacedServer(64 * 1024, TimeSpan.FromMilliseconds(64), answer: true);
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k-drain"), server.BaseUri))
            {
                Timeout = TimeSpan.FromSeconds(3),
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
