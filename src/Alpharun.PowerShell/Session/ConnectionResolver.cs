using System;
using System.Security;

namespace Alpharun.Commands
{
    /// <summary>
    /// The connection order, each part on its own: the cmdlet's -ApiKey/-BaseUri, then the session's connection
    /// (Connect-Alpharun or Start-AlpharunSandbox), then $env:ALPHARUN_API_KEY / $env:ALPHARUN_BASE_URI, then the
    /// production address.
    /// </summary>
    internal static class ConnectionResolver
    {
        public const string ApiKeyVariable = "ALPHARUN_API_KEY";
        public const string BaseUriVariable = "ALPHARUN_BASE_URI";

        /// <summary>The base URI that will be used, without needing a key (for -WhatIf messages).</summary>
        public static Uri ResolveBaseUri(Uri? baseUriParameter)
        {
            if (baseUriParameter != null) return baseUriParameter;
            AlpharunConnection? session = AlpharunSession.Current.Connection;
            if (session != null) return session.BaseUri;
            string? fromEnvironment = Environment.GetEnvironmentVariable(BaseUriVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                if (!Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out Uri? parsed))
                {
                    throw new InvalidAddressException("InvalidBaseUri",
                        $"$env:{BaseUriVariable} is '{ServerText.StripControls(fromEnvironment)}', which is not an absolute URI. Set it to the API's address, e.g. {AlpharunConnection.DefaultBaseUri}, or remove it to use that address.");
                }
                return parsed;
            }
            return AlpharunConnection.DefaultBaseUri;
        }

        /// <summary>The connection to use, or null when no key is found anywhere.</summary>
        /// <remarks>The proxy: the cmdlet's -Proxy, else the session's, else none (the environment's proxy is then used).</remarks>
        public static AlpharunConnection? Resolve(SecureString? apiKeyParameter, Uri? baseUriParameter, bool allowUnencryptedAuthentication, AlpharunProxy? proxyParameter = null)
        {
            Uri baseUri = ResolveBaseUri(baseUriParameter);
            ApiKey? key = null;
            if (apiKeyParameter != null) key = ApiKey.FromSecureString(apiKeyParameter);
            else if (AlpharunSession.Current.Connection is AlpharunConnection session) key = session.ApiKey;
            else
            {
                string? fromEnvironment = Environment.GetEnvironmentVariable(ApiKeyVariable);
                if (!string.IsNullOrWhiteSpace(fromEnvironment)) key = ApiKey.FromPlainText(fromEnvironment!);
            }
            if (key is null) return null;
            bool allowed = allowUnencryptedAuthentication || (AlpharunSession.Current.Connection?.AllowsUnencryptedAuthentication ?? false) && baseUriParameter is null;
            AlpharunProxy? proxy = proxyParameter ?? AlpharunSession.Current.Connection?.Proxy;
            return new AlpharunConnection(key, baseUri, allowed, proxy);
        }

        /// <summary>
        /// The proxy -Proxy, -ProxyCredential and -ProxyUseDefaultCredentials describe, or null without -Proxy. As with
        /// Invoke-RestMethod, the credential parameters need -Proxy and exclude each other.
        /// </summary>
        public static AlpharunProxy? ProxyOf(Uri? proxy, System.Management.Automation.PSCredential? credential, bool useDefaultCredentials)
        {
            if (proxy is null)
            {
                if (credential != null || useDefaultCredentials)
                {
                    throw new InvalidAddressException("InvalidProxy",
                        $"{(credential != null ? "-ProxyCredential" : "-ProxyUseDefaultCredentials")} needs -Proxy: pass the proxy's address with -Proxy, e.g. -Proxy http://proxy.example.com:8080.");
                }
                return null;
            }
            return new AlpharunProxy(proxy, credential?.GetNetworkCredential(), useDefaultCredentials);
        }
    }
}
