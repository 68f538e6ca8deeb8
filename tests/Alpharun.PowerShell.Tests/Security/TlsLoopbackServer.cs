using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>
    /// A TLS server on 127.0.0.1 with a self-signed certificate made for the test (trusted by nobody), optionally
    /// behind a CONNECT step, as a forward proxy's tunnel: it records each CONNECT line and every byte the client sent.
    /// </summary>
    internal sealed class TlsLoopbackServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly X509Certificate2 _certificate;
        private readonly bool _tunnel;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> _connectLines = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<Task> _served = new ConcurrentQueue<Task>();
        private readonly MemoryStream _received = new MemoryStream();
        private readonly Task _acceptLoop;
        private int _connections;

        /// <param name="tunnel">True: act as a proxy that answers CONNECT with 200, then speaks TLS in the tunnel.</param>
        public TlsLoopbackServer(bool tunnel = false)
        {
            _tunnel = tunnel;
            _certificate = CreateSelfSigned();
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }

        public int ConnectionCount => Volatile.Read(ref _connections);

        public IReadOnlyList<string> ConnectLines => _connectLines.ToArray();

        /// <summary>Every byte clients sent, TLS records included, as Latin-1 text.</summary>
        public string Received
        {
            get
            {
                lock (_received) return Encoding.Latin1.GetString(_received.ToArray());
            }
        }

        public bool WaitForConnections(TimeSpan limit) => Task.WaitAll(_served.ToArray(), limit);

        public void Dispose()
        {
            _stopping.Cancel();
            _listener.Stop();
            try
            {
                Task.WaitAll(_served.Append(_acceptLoop).ToArray(), TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Handshakes fail by design.
            }
            _certificate.Dispose();
        }

        private static X509Certificate2 CreateSelfSigned()
        {
            using RSA rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("api.alpharun.test");
            request.CertificateExtensions.Add(names.Build());
            using X509Certificate2 ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            // Through PKCS#12 so the private key is usable by SslStream on every platform.
            return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                }
                catch (Exception)
                {
                    return;
                }
                Interlocked.Increment(ref _connections);
                _served.Enqueue(Task.Run(() => ServeAsync(client)));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    Stream stream = new RecordingStream(client.GetStream(), _received);
                    if (_tunnel)
                    {
                        string head = await ReadHeadAsync(stream);
                        _connectLines.Enqueue(head.Split("\r\n")[0]);
                        byte[] ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection established\r\n\r\n");
                        await stream.WriteAsync(ok, _stopping.Token);
                    }
                    using var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    await tls.AuthenticateAsServerAsync(_certificate);
                    byte[] buffer = new byte[8192];
                    while (await tls.ReadAsync(buffer, _stopping.Token) > 0)
                    {
                        // A client that trusted the certificate would send its request here; none should.
                    }
                }
                catch (Exception e) when (e is IOException || e is System.Security.Authentication.AuthenticationException || e is OperationCanceledException || e is SocketException || e is ObjectDisposedException)
                {
                    // The client refusing the certificate ends the handshake: that is the point.
                }
            }
        }

        // Byte by byte up to the empty line, so nothing of the TLS handshake after it is consumed.
        private async Task<string> ReadHeadAsync(Stream stream)
        {
            var head = new List<byte>();
            byte[] one = new byte[1];
            while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
            {
                if (await stream.ReadAsync(one, _stopping.Token) == 0) throw new IOException("The client closed before the CONNECT head ended.");
                head.Add(one[0]);
            }
            return Encoding.ASCII.GetString(head.ToArray());
        }

        /// <summary>Copies what is read into a shared log.</summary>
        private sealed class RecordingStream : Stream
        {
            private readonly Stream _inner;
            private readonly MemoryStream _log;

            public RecordingStream(Stream inner, MemoryStream log)
            {
                _inner = inner;
                _log = log;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() => _inner.Flush();
            public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _inner.WriteAsync(buffer, cancellationToken);
            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.WriteAsync(buffer, offset, count, cancellationToken);

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = _inner.Read(buffer, offset, count);
                Log(buffer.AsSpan(offset, n));
                return n;
            }

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                int n = await _inner.ReadAsync(buffer, offset, count, cancellationToken);
                Log(buffer.AsSpan(offset, n));
                return n;
            }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                int n = await _inner.ReadAsync(buffer, cancellationToken);
                Log(buffer.Span.Slice(0, n));
                return n;
            }

            private void Log(ReadOnlySpan<byte> bytes)
            {
                lock (_log) _log.Write(bytes);
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) _inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
