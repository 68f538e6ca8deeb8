using System;

namespace Alpharun
{
    /// <summary>Where the API is and the key to call it with.</summary>
    public sealed class AlpharunConnection
    {
        /// <summary>The production API.</summary>
        public static readonly Uri DefaultBaseUri = new Uri("https://api.alpharun.com/api/v1");

        /// <summary>
        /// Creates a connection; a null <paramref name="baseUri"/> means <see cref="DefaultBaseUri"/>. The key travels
        /// only over https, or over plain http to a loopback address (the sandbox); any other http address is refused
        /// unless <paramref name="allowUnencryptedAuthentication"/> says the caller accepts sending the key in clear.
        /// </summary>
        public AlpharunConnection(ApiKey apiKey, Uri? baseUri = null, bool allowUnencryptedAuthentication = false)
        {
            ApiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
            baseUri ??= DefaultBaseUri;
            if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"The base URI '{baseUri}' is not an absolute http(s) address, e.g. {DefaultBaseUri}.", nameof(baseUri));
            }
            if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback && !allowUnencryptedAuthentication)
            {
                throw new ArgumentException(
                    $"The base URI '{baseUri}' is plain http, which would send the API key unencrypted. Use https, or pass -AllowUnencryptedAuthentication if this network is trusted.",
                    nameof(baseUri));
            }
            BaseUri = baseUri;
            AllowsUnencryptedAuthentication = allowUnencryptedAuthentication;
        }

        /// <summary>True when the caller allowed sending the key over plain http to a non-loopback address.</summary>
        public bool AllowsUnencryptedAuthentication { get; }

        /// <summary>The API's base address, e.g. https://api.alpharun.com/api/v1.</summary>
        public Uri BaseUri { get; }

        /// <summary>The API key.</summary>
        public ApiKey ApiKey { get; }

        /// <summary>The upload endpoint: {BaseUri}/recordings/upload.</summary>
        public Uri UploadUri => new Uri(BaseUri.AbsoluteUri.TrimEnd('/') + "/recordings/upload");

        /// <inheritdoc />
        public override string ToString() => BaseUri.AbsoluteUri;
    }
}
