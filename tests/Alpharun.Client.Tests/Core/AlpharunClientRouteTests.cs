using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;
using static Alpharun.Tests.Sandbox.SandboxTestKit;

namespace Alpharun.Tests
{
    /// <summary>
    /// Which way a request goes when the client builds its own handler: a named proxy carries it (absolute-form
    /// request line), a loopback API is reached directly whatever proxy is named, and the handler follows no
    /// redirect and keeps no cookie. Loopback only: the "proxy" is a scripted listener on 127.0.0.1, and the API
    /// host behind it (api.example.test) is never resolved.
    /// </summary>
    public class AlpharunClientRouteTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private const string CreatedBody = "{\"data\":{\"recording\":{\"id\":\"0b8c4f5e-1111-4a2b-9c3d-444455556666\"}}}";

        private static string Answer(string status, string body, string extraHeaders = "") =>
            $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n{extraHeaders}Connection: close\r\n\r\n{body}";

        /// <summary>Answers each request from a script, one connection per request, and records each request's head.</summary>
        private sealed class ScriptedProxy : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly Queue<string> _answers;
            private readonly List<string> _heads = new List<string>();

            public ScriptedProxy(params string[] answers)
            {
                _answers = new Queue<string>(answers);
                _listener.Start();
                Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
                _ = Task.Run(ServeAsync);
            }

            public Uri Address { get; }

            public string[] Heads
            {
                get { lock (_heads) return _heads.ToArray(); }
            }

            private async Task ServeAsync()
            {
                while (true)
                {
                    TcpClient client;
                    try { client = await _listener.AcceptTcpClientAsync(); }
                    catch (Exception e) when (e is ObjectDisposedException || e is SocketException || e is InvalidOperationException) { return; }
                    try
                    {
                        using (client)
                        {
                            NetworkStream stream = client.GetStream();
                            string head = await ReadHeadAsync(stream);
                            lock (_heads) _heads.Add(head);
                            await DrainAsync(stream, ContentLength(head));
                            string answer;
                            lock (_answers) answer = _answers.Count > 0 ? _answers.Dequeue() : Answer("500 Internal Server Error", "{\"message\":\"script ended\"}");
                            byte[] bytes = Encoding.UTF8.GetBytes(answer);
                            await stream.WriteAsync(bytes, 0, bytes.Length);
                            client.Client.Shutdown(SocketShutdown.Send);
                        }
                    }
                    catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException)
                    {
                        // The client went away; the test sees what it got.
                    }
                }
            }

            private static async Task<string> ReadHeadAsync(Stream stream)
            {
                var head = new StringBuilder();
                var one = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    if (await stream.ReadAsync(one, 0, 1) == 0) break;
                    head.Append((char)one[0]);
                }
                return head.ToString();
            }

            private static long ContentLength(string head)
            {
                foreach (string line in head.Split("\r\n"))
                {
                    if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) return long.Parse(line.Substring(15).Trim());
                }
                return 0;
            }

            private static async Task DrainAsync(Stream stream, long length)
            {
                var buffer = new byte[8192];
                while (length > 0)
                {
                    int read = await stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, length));
                    if (read == 0) return;
                    length -= read;
                }
            }

            public void Dispose() => _listener.Stop();
        }

        private AlpharunClient ClientThrough(ScriptedProxy proxy, int maxRetries = 0) =>
            new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k-route"), new Uri("http://api.example.test/api/v1"), allowUnencryptedAuthentication: true, proxy: new AlpharunProxy(proxy.Address)))
            {
                RetryPolicy = new RetryPolicy(maxRetries, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)),
            };

        [Fact]
        public async Task ANamedProxyCarriesTheRequest()
        {
            using var proxy = new ScriptedProxy(Answer("201 Created", CreatedBody));
            using AlpharunClient client = ClientThrough(proxy);

            RecordingUpload upload = await client.UploadRecordingAsync(Request(_files.Create("p.wav")));

            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            string head = Assert.Single(proxy.Heads);
            Assert.StartsWith("POST http://api.example.test/api/v1/recordings/upload HTTP/1.1\r\n", head);
        }

        [Fact]
        public async Task ARedirectIsNotFollowed()
        {
            using var proxy = new ScriptedProxy(
                Answer("307 Temporary Redirect", "{}", "Location: http://api.example.test/elsewhere\r\n"),
                Answer("201 Created", CreatedBody));
            using AlpharunClient client = ClientThrough(proxy);

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(Request(_files.Create("r.wav"))));

            Assert.Equal(307, e.StatusCode);
            Assert.Single(proxy.Heads);
        }

        [Fact]
        public async Task ACookieIsNotSentBack()
        {
            using var proxy = new ScriptedProxy(
                Answer("503 Service Unavailable", "{\"message\":\"busy\"}", "Retry-After: 0\r\nSet-Cookie: session=abc; Path=/\r\n"),
                Answer("201 Created", CreatedBody));
            using AlpharunClient client = ClientThrough(proxy, maxRetries: 1);

            RecordingUpload upload = await client.UploadRecordingAsync(Request(_files.Create("c.wav")));

            Assert.Equal(2, upload.Attempts);
            Assert.Equal(2, proxy.Heads.Length);
            Assert.DoesNotContain("Cookie:", proxy.Heads[1], StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task ALoopbackAddressIsReachedDirectlyEvenWhenAProxyIsNamed()
        {
            // The named proxy is a closed port: only a direct connection reaches the sandbox.
            using SandboxServer server = StartServer();
            var connection = new AlpharunConnection(server.ApiKey, server.BaseUri, proxy: new AlpharunProxy(new Uri("http://127.0.0.1:1/")));
            using var client = new AlpharunClient(connection) { RetryPolicy = RetryPolicy.None };

            RecordingUpload upload = await client.UploadRecordingAsync(Request(_files.Create("l.wav")));

            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Equal(1, server.UploadRequestCount);
        }
    }
}
