using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Shows what the proxy adds, before any client runs: a small HTTPS request on a new connection (TCP handshake,
    /// TLS handshake, request: three round trips), then on an open connection (one round trip), and the same small
    /// request straight to the sandbox over loopback for comparison. The request is a GET the sandbox answers 404 at
    /// once, so the time is the link's, not the server's. One untimed request of each kind comes first (JIT).
    /// </summary>
    internal static class LinkProbe
    {
        private const int NewConnectionSamples = 5;
        private const int OpenConnectionSamples = 10;

        public static async Task<LinkMeasurement> MeasureAsync(Uri proxyBaseUri, Uri sandboxBaseUri, RunCertificate trust)
        {
            await NewConnectionAsync(proxyBaseUri, trust).ConfigureAwait(false);
            var fresh = new double[NewConnectionSamples];
            for (int i = 0; i < fresh.Length; i++) fresh[i] = await NewConnectionAsync(proxyBaseUri, trust).ConfigureAwait(false);

            using HttpClient viaProxy = ProxyClient(trust);
            await TimeOneAsync(viaProxy, proxyBaseUri).ConfigureAwait(false);
            double open = await MedianAsync(viaProxy, proxyBaseUri).ConfigureAwait(false);

            using var direct = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false });
            await TimeOneAsync(direct, sandboxBaseUri).ConfigureAwait(false);
            double plain = await MedianAsync(direct, sandboxBaseUri).ConfigureAwait(false);
            return new LinkMeasurement { NewConnectionMs = Stats.Median(fresh), OpenConnectionMs = open, DirectMs = plain };
        }

        // A client of its own, so the request opens a connection (and makes a TLS handshake) of its own.
        private static async Task<double> NewConnectionAsync(Uri proxyBaseUri, RunCertificate trust)
        {
            using HttpClient http = ProxyClient(trust);
            return await TimeOneAsync(http, proxyBaseUri).ConfigureAwait(false);
        }

        // The harness trusts the run's certificate for its own probe only, with a full chain and name check.
        private static HttpClient ProxyClient(RunCertificate trust)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(trust.Certificate);
            return new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 1,
                UseProxy = false,
                SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            });
        }

        private static async Task<double> MedianAsync(HttpClient http, Uri baseUri)
        {
            var times = new double[OpenConnectionSamples];
            for (int i = 0; i < times.Length; i++) times[i] = await TimeOneAsync(http, baseUri).ConfigureAwait(false);
            return Stats.Median(times);
        }

        private static async Task<double> TimeOneAsync(HttpClient http, Uri baseUri)
        {
            var probe = new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/link-probe");
            var clock = Stopwatch.StartNew();
            using HttpResponseMessage response = await http.GetAsync(probe).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            clock.Stop();
            if ((int)response.StatusCode != 404) throw new InvalidOperationException($"The link probe expected the sandbox's 404, got {(int)response.StatusCode}.");
            return clock.Elapsed.TotalMilliseconds;
        }
    }
}
