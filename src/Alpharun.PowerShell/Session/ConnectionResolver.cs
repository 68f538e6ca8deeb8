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

        /// <summary>How the key given with -ApiKey is named in an InvalidApiKey message.</summary>
        public const string ApiKeyParameterSource = "The key given with -ApiKey";

        /// <summary>How the key in the environment is named in an InvalidApiKey message.</summary>
        public const string ApiKeyVariableSource = "$env:" + ApiKeyVariable;

        /// <summary>
        /// The base URI that will be used, without needing a key (for -WhatIf messages). An unusable address (not absolute
        /// http(s), a user name and password, a query) throws InvalidBaseUri here, before it is ever shown.
        /// </summary>
        public static Uri ResolveBaseUri(Uri? baseUriParameter)
        {
            if (baseUriParameter != null)
            {
                AlpharunConnection.EnsureUsable(baseUriParameter);
                return baseUriParameter;
            }
            AlpharunConnection? session = AlpharunSession.Current.Connection;
            if (session != null) return session.BaseUri;
            string? fromEnvironment = Environment.GetEnvironmentVariable(BaseUriVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                if (!Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out Uri? parsed))
                {
                    throw new InvalidAddressException("InvalidBaseUri",
                        $"$env:{BaseUriVariable} is '{AddressText.Show(ServerText.StripControls(fromEnvironment))}', which is not an absolute URI. Set it to the API's address, e.g. {AlpharunConnection.DefaultBaseUri}, or remove it to use that address.");
                }
                AlpharunConnection.EnsureUsable(parsed);
                return parsed;
            }
            return AlpharunConnection.DefaultBaseUri;
        }

        /// <summary>
        /// The key that will be used, when it comes from -ApiKey or $env:ALPHARUN_API_KEY (a session's key was checked
        /// when it was connected); null when it comes from the session or nowhere. A key that cannot be sent throws
        /// <see cref="InvalidApiKeyException"/> naming where it came from.
        /// </summary>
        public static ApiKey? ResolveGivenKey(SecureString? apiKeyParameter)
        {
            if (apiKeyParameter != null) return ApiKey.FromSecureString(apiKeyParameter, ApiKeyParameterSource);
            if (AlpharunSession.Current.Connection != null) return null;
            string? fromEnvironment = Environment.GetEnvironmentVariable(ApiKeyVariable);
            return string.IsNullOrEmpty(fromEnvironment) ? null : ApiKey.FromPlainText(fromEnvironment!, ApiKeyVariableSource);
        }

        /// <summary>The connection to use, or null when no key is found anywhere.</summary>
        /// <remarks>The proxy: the cmdlet's -Proxy, else the session's, else none (the environment's proxy is then used).</remarks>
        public static AlpharunConnection? Resolve(SecureString? apiKeyParameter, Uri? baseUriParameter, bool allowUnencryptedAuthentication, AlpharunProxy? proxyParameter = null)
        {
            Uri baseUri = ResolveBaseUri(baseUriParameter);
            ApiKey? key = ResolveGivenKey(apiKeyParameter) ?? AlpharunSession.Current.Connection?.ApiKey;
            if (key is null) return null;
            bool allowed = allowUnencryptedAuthentication || (AlpharunSession.Current.Connection?.AllowsUnencryptedAuthentication ?? false) && baseUriParameter is null;
            AlpharunProxy? proxy = proxyParameter ?? AlpharunSession.Current.Connection?.Proxy;
            return new AlpharunConnection(key, baseUri, allowed, proxy);
        }

        /// <summary>
        /// The proxy -Proxy, -ProxyCredential and -ProxyUseDefaultCredentials describe, or null without any of them. As with
        /// Invoke-RestMethod, the credential parameters exclude each other and -ProxyCredential needs -Proxy: a password
        /// goes only to a proxy the user named, never to whatever the environment names. -ProxyUseDefaultCredentials alone
        /// answers the environment's (the Windows system) proxy with the signed-in user's credentials.
        /// </summary>
        public static AlpharunProxy? ProxyOf(Uri? proxy, System.Management.Automation.PSCredential? credential, bool useDefaultCredentials)
        {
            if (proxy is null)
            {
                if (credential != null)
                {
                    throw new InvalidAddressException("InvalidProxy",
                        "-ProxyCredential needs -Proxy: pass the proxy's address with -Proxy, e.g. -Proxy http://proxy.example.com:8080. (For the system proxy with your Windows sign-in, pass -ProxyUseDefaultCredentials alone.)");
                }
                return useDefaultCredentials ? AlpharunProxy.FromEnvironment() : null;
            }
            return new AlpharunProxy(proxy, credential?.GetNetworkCredential(), useDefaultCredentials);
        }
    }
}
