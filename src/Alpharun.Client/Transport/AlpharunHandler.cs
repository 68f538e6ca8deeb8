using System;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;

namespace Alpharun
{
    /// <summary>
    /// Builds the handler every request of the module goes through, with everything set on the handler itself and never
    /// process-wide: no redirects (the key never travels to another host), no cookies, 64 connections per server (.NET
    /// Framework allows 2 by default, which would cap -ThrottleLimit), the module's own certificate check
    /// (<see cref="CertificateCheck"/>), TLS versions per <see cref="TransportPlatform.TlsProtocols"/>, and the proxy.
    /// </summary>
    internal static class AlpharunHandler
    {
        public static HttpClientHandler Create(TransportPlatform platform, bool useProxy, AlpharunProxy? proxy)
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                MaxConnectionsPerServer = 64,
                UseProxy = useProxy,
                ServerCertificateCustomValidationCallback = CertificateCheck.Accept,
            };
            SetTlsProtocols(handler, platform.TlsProtocols);
            if (useProxy && proxy != null)
            {
                // The proxy's own credential answers only its 407; the API is never sent it.
                if (proxy.Address != null) handler.Proxy = proxy.ToWebProxy();
                else if (proxy.UseDefaultCredentials) handler.DefaultProxyCredentials = CredentialCache.DefaultCredentials;
            }
            return handler;
        }

        // .NET Framework 4.7.2 does not know TLS 1.3 and refuses the flag: TLS 1.2 alone there.
        private static void SetTlsProtocols(HttpClientHandler handler, SslProtocols protocols)
        {
            if (protocols == SslProtocols.None) return;
            try
            {
                handler.SslProtocols = protocols;
            }
            catch (Exception e) when (e is NotSupportedException || e is ArgumentException)
            {
                handler.SslProtocols = SslProtocols.Tls12;
            }
        }

        /// <summary>
        /// On .NET Framework, HttpWebRequest keeps Nagle's algorithm on per ServicePoint (ServicePointManager's default):
        /// the small last write of a body (the multipart tail) then waits for the server's delayed ACK, up to 200 ms per
        /// upload. Turned off on the API's own ServicePoint (that host and port, or the proxy's), never process-wide. .NET
        /// sets TCP_NODELAY on every connection itself.
        /// </summary>
        public static void TuneServicePoint(TransportPlatform platform, Uri uploadUri, bool useProxy, AlpharunProxy? proxy)
        {
            if (!platform.IsNetFramework) return;
            try
            {
                IWebProxy? route = !useProxy ? null : proxy?.ToWebProxy() ?? WebRequest.DefaultWebProxy;
                ServicePoint point = route is null ? ServicePointManager.FindServicePoint(uploadUri) : ServicePointManager.FindServicePoint(uploadUri, route);
                point.UseNagleAlgorithm = false;
            }
            catch (Exception e) when (e is InvalidOperationException || e is NotSupportedException || e is ArgumentException)
            {
                // A tuning only: the uploads work with Nagle on.
            }
        }
    }
}
