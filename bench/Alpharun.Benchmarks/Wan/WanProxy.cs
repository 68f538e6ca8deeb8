using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// What the WAN clients connect to: a TLS endpoint for the sandbox, reached through a link with a round-trip
    /// delay (and optionally a bandwidth cap). Client → <see cref="DelayForwarder"/> (the delay, on the encrypted
    /// bytes, so the TLS handshake pays it too) → <see cref="TlsTerminator"/> → sandbox, all on 127.0.0.1.
    /// </summary>
    internal sealed class WanProxy : IDisposable
    {
        private readonly TlsTerminator _tls;
        private readonly DelayForwarder _delay;

        private WanProxy(TlsTerminator tls, DelayForwarder delay, Uri sandboxBaseUri)
        {
            _tls = tls;
            _delay = delay;
            // The same path as the sandbox's base address, on the proxy's port, over https.
            BaseUri = new UriBuilder(sandboxBaseUri) { Scheme = Uri.UriSchemeHttps, Host = "127.0.0.1", Port = delay.EndPoint.Port }.Uri;
        }

        /// <summary>The API base address the clients use, e.g. https://127.0.0.1:41234/api/v1.</summary>
        public Uri BaseUri { get; }

        /// <summary>Connections the clients opened through the link so far.</summary>
        public int Connections => _delay.Accepted;

        /// <summary>Connections through the link that are still open (the clients' kept-alive ones, until their process exits).</summary>
        public int Open => _delay.Open;

        /// <summary>TLS handshakes completed so far.</summary>
        public int Handshakes => _tls.Handshakes;

        /// <summary>The protocol and cipher suite of the last handshake.</summary>
        public string? Negotiated => _tls.Negotiated;

        public static WanProxy Start(Uri sandboxBaseUri, X509Certificate2 certificate, TimeSpan roundTrip, double? megabitsPerSecond)
        {
            var sandbox = new IPEndPoint(IPAddress.Parse(sandboxBaseUri.Host), sandboxBaseUri.Port);
            TlsTerminator tls = TlsTerminator.Start(sandbox, certificate);
            try
            {
                return new WanProxy(tls, DelayForwarder.Start(tls.EndPoint, roundTrip, megabitsPerSecond), sandboxBaseUri);
            }
            catch
            {
                tls.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            // Outside in: the delay side first, so no new connection reaches the TLS side while it stops.
            _delay.Dispose();
            _tls.Dispose();
        }
    }
}
