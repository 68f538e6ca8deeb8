using System;
using System.Net;

namespace Alpharun
{
    /// <summary>
    /// A proxy chosen by the caller (-Proxy), with its credentials; or the environment's own proxy (HTTP_PROXY/HTTPS_PROXY/
    /// NO_PROXY on PowerShell 7, the Windows system proxy on Windows PowerShell) answered with the signed-in user's
    /// credentials (<see cref="FromEnvironment"/>). Without one the environment's proxy is used without credentials.
    /// Either way a loopback API address is always reached directly: the key sent to the sandbox in clear never goes to
    /// a proxy.
    /// </summary>
    public sealed class AlpharunProxy
    {
        /// <summary>Creates the settings; <paramref name="credential"/> and <paramref name="useDefaultCredentials"/> exclude each other.</summary>
        public AlpharunProxy(Uri address, NetworkCredential? credential = null, bool useDefaultCredentials = false)
        {
            if (address is null) throw new ArgumentNullException(nameof(address));
            if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidAddressException("InvalidProxy", $"The proxy '{AddressText.Show(address)}' is not an absolute http address such as http://proxy.example.com:8080. Pass -Proxy with the proxy's address.");
            }
            if (address.UserInfo.Length > 0)
            {
                throw new InvalidAddressException("InvalidProxy",
                    $"The proxy '{AddressText.Show(address)}' carries a user name and password, which would print wherever the address does. Pass -Proxy {AddressText.WithoutUserInfo(address).AbsoluteUri} with -ProxyCredential (Get-Credential) instead.");
            }
            if (credential != null && useDefaultCredentials)
            {
                throw new InvalidAddressException("InvalidProxy", "-ProxyCredential and -ProxyUseDefaultCredentials exclude each other. Pass one of them.");
            }
            Address = address;
            Credential = credential;
            UseDefaultCredentials = useDefaultCredentials;
        }

        private AlpharunProxy()
        {
            UseDefaultCredentials = true;
        }

        /// <summary>
        /// The environment's proxy (the Windows system proxy on Windows PowerShell; HTTP_PROXY and HTTPS_PROXY on
        /// PowerShell 7), sent the signed-in user's credentials when it asks (NTLM or Kerberos on Windows).
        /// </summary>
        public static AlpharunProxy FromEnvironment() => new AlpharunProxy();

        /// <summary>The proxy's address; null for the environment's own proxy (<see cref="FromEnvironment"/>).</summary>
        public Uri? Address { get; }

        /// <summary>True when the proxy is sent the signed-in user's credentials.</summary>
        public bool UseDefaultCredentials { get; }

        /// <summary>True when a user name and password are sent to the proxy when it asks (HTTP 407).</summary>
        public bool HasCredential => Credential != null;

        internal NetworkCredential? Credential { get; }

        // Null for the environment's proxy: the handler then finds it itself.
        internal IWebProxy? ToWebProxy() => Address is null ? null : new WebProxy(Address)
        {
            // Loopback API addresses never reach a handler with a proxy, so nothing here needs to bypass them.
            BypassProxyOnLocal = false,
            UseDefaultCredentials = UseDefaultCredentials,
            Credentials = UseDefaultCredentials ? CredentialCache.DefaultCredentials : Credential,
        };

        /// <summary>The address (never the credential), or "the system proxy" for the environment's.</summary>
        public override string ToString() => Address?.AbsoluteUri ?? "the system proxy";
    }
}
