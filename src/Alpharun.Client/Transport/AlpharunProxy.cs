using System;
using System.Net;

namespace Alpharun
{
    /// <summary>
    /// A proxy chosen by the caller (-Proxy), with its credentials. Without one, the environment's proxy is used
    /// (HTTP_PROXY/HTTPS_PROXY/NO_PROXY on PowerShell 7, the Windows system proxy on Windows PowerShell). Either way a
    /// loopback API address is always reached directly: the key sent to the sandbox in clear never goes to a proxy.
    /// </summary>
    public sealed class AlpharunProxy
    {
        /// <summary>Creates the settings; <paramref name="credential"/> and <paramref name="useDefaultCredentials"/> exclude each other.</summary>
        public AlpharunProxy(Uri address, NetworkCredential? credential = null, bool useDefaultCredentials = false)
        {
            if (address is null) throw new ArgumentNullException(nameof(address));
            if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidAddressException("InvalidProxy", $"The proxy '{address}' is not an absolute http address such as http://proxy.example.com:8080. Pass -Proxy with the proxy's address.");
            }
            if (credential != null && useDefaultCredentials)
            {
                throw new InvalidAddressException("InvalidProxy", "-ProxyCredential and -ProxyUseDefaultCredentials exclude each other. Pass one of them.");
            }
            Address = address;
            Credential = credential;
            UseDefaultCredentials = useDefaultCredentials;
        }

        /// <summary>The proxy's address.</summary>
        public Uri Address { get; }

        /// <summary>True when the proxy is sent the signed-in user's credentials.</summary>
        public bool UseDefaultCredentials { get; }

        /// <summary>True when a user name and password are sent to the proxy when it asks (HTTP 407).</summary>
        public bool HasCredential => Credential != null;

        internal NetworkCredential? Credential { get; }

        internal IWebProxy ToWebProxy() => new WebProxy(Address)
        {
            // Loopback API addresses never reach a handler with a proxy, so nothing here needs to bypass them.
            BypassProxyOnLocal = false,
            UseDefaultCredentials = UseDefaultCredentials,
            Credentials = UseDefaultCredentials ? CredentialCache.DefaultCredentials : Credential,
        };

        /// <summary>The address; never the credential.</summary>
        public override string ToString() => Address.AbsoluteUri;
    }
}
