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
        /// <remarks>
        /// An unusable address throws <see cref="InvalidAddressException"/>: InvalidBaseUri when it is not an absolute
        /// http(s) address, carries a user name or password (shown as ***), or a query or fragment (the API's base has
        /// neither, and the upload path is appended to it), InsecureBaseUri when it is plain http off loopback without the
        /// caller's consent.
        /// </remarks>
        public AlpharunConnection(ApiKey apiKey, Uri? baseUri = null, bool allowUnencryptedAuthentication = false, AlpharunProxy? proxy = null)
        {
            ApiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey));
            baseUri ??= DefaultBaseUri;
            EnsureUsable(baseUri);
            if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback && !allowUnencryptedAuthentication)
            {
                throw new InvalidAddressException("InsecureBaseUri",
                    $"The base URI '{baseUri}' is plain http, which would send the API key unencrypted. Use https, or pass -AllowUnencryptedAuthentication if this network is trusted.", nameof(baseUri));
            }
            BaseUri = baseUri;
            AllowsUnencryptedAuthentication = allowUnencryptedAuthentication;
            Proxy = proxy;
        }

        /// <summary>
        /// The proxy the caller chose, or null for the environment's. A loopback <see cref="BaseUri"/> is reached
        /// directly whatever this says.
        /// </summary>
        public AlpharunProxy? Proxy { get; }

        /// <summary>True when the caller allowed sending the key over plain http to a non-loopback address.</summary>
        public bool AllowsUnencryptedAuthentication { get; }

        /// <summary>The API's base address, e.g. https://api.alpharun.com/api/v1.</summary>
        public Uri BaseUri { get; }

        /// <summary>The API key.</summary>
        public ApiKey ApiKey { get; }

        /// <summary>
        /// Throws InvalidBaseUri (<see cref="InvalidAddressException"/>) unless <paramref name="baseUri"/> is an absolute
        /// http(s) address without a user name, password, query or fragment; the message never shows a password.
        /// </summary>
        public static void EnsureUsable(Uri baseUri)
        {
            if (baseUri is null) throw new ArgumentNullException(nameof(baseUri));
            if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
            {
                throw new InvalidAddressException("InvalidBaseUri", $"The base URI '{AddressText.Show(baseUri)}' is not an absolute http(s) address. Pass the API's address, e.g. {DefaultBaseUri}.", nameof(baseUri));
            }
            if (baseUri.UserInfo.Length > 0)
            {
                // A password in an address reaches verbose lines, error messages and anything that prints the connection.
                throw new InvalidAddressException("InvalidBaseUri",
                    $"The base URI '{AddressText.Show(baseUri)}' carries a user name and password, which the Alpharun API does not use: the API key is its only credential, sent in the Authorization header. Pass the address without them, e.g. {AddressText.WithoutUserInfo(baseUri).AbsoluteUri}.", nameof(baseUri));
            }
            if (baseUri.Query.Length > 0 || baseUri.Fragment.Length > 0)
            {
                throw new InvalidAddressException("InvalidBaseUri",
                    $"The base URI '{baseUri}' has a query or fragment ('{baseUri.Query}{baseUri.Fragment}'), which the upload address cannot carry. Pass the address without it, e.g. {baseUri.GetLeftPart(UriPartial.Path)}.", nameof(baseUri));
            }
        }

        /// <summary>The upload endpoint: {BaseUri}/recordings/upload.</summary>
        public Uri UploadUri => new Uri(BaseUri.AbsoluteUri.TrimEnd('/') + "/recordings/upload");

        /// <inheritdoc />
        public override string ToString() => BaseUri.AbsoluteUri;
    }
}
