using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The TLS half of the WAN proxy: accepts TLS on 127.0.0.1 with the run's certificate and relays the plain
    /// HTTP to the sandbox, one sandbox connection per client connection (so keep-alive behaves as end to end).
    /// </summary>
    internal sealed class TlsTerminator : RelayServer
    {
        private const int CopyBufferBytes = 64 * 1024;

        private readonly X509Certificate2 _certificate;
        private int _handshakes;

        private TlsTerminator(IPEndPoint backend, X509Certificate2 certificate)
        {
            Backend = backend;
            _certificate = certificate;
        }

        public IPEndPoint Backend { get; }

        /// <summary>TLS handshakes completed so far: one per connection a client opened.</summary>
        public int Handshakes => Volatile.Read(ref _handshakes);

        /// <summary>What the last handshake negotiated, e.g. "Tls13 TLS_AES_256_GCM_SHA384"; null before the first.</summary>
        public string? Negotiated { get; private set; }

        public static TlsTerminator Start(IPEndPoint backend, X509Certificate2 certificate)
        {
            var terminator = new TlsTerminator(backend, certificate);
            terminator.Start();
            return terminator;
        }

        protected override async Task ServeAsync(Socket client, CancellationToken cancel)
        {
            using var tls = new SslStream(new NetworkStream(client, ownsSocket: false), leaveInnerStreamOpen: false);
            using (cancel.Register(client.Dispose))
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, cancel).ConfigureAwait(false);
            }
            Interlocked.Increment(ref _handshakes);
            Negotiated = $"{tls.SslProtocol} {tls.NegotiatedCipherSuite}";

            using var backend = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await backend.ConnectAsync(Backend, cancel).ConfigureAwait(false);
            using var plain = new NetworkStream(backend, ownsSocket: false);
            await DuplexRelay.RunAsync(
                async c =>
                {
                    await tls.CopyToAsync(plain, CopyBufferBytes, c).ConfigureAwait(false);
                    backend.Shutdown(SocketShutdown.Send);
                },
                async c =>
                {
                    await plain.CopyToAsync(tls, CopyBufferBytes, c).ConfigureAwait(false);
                    // The sandbox closed its side (Connection: close): end the TLS session, then the TCP stream.
                    await tls.ShutdownAsync().ConfigureAwait(false);
                    client.Shutdown(SocketShutdown.Send);
                },
                () =>
                {
                    client.Dispose();
                    backend.Dispose();
                },
                cancel).ConfigureAwait(false);
        }
    }
}
