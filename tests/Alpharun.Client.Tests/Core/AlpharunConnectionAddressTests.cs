using System;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The base address: each refusal's ErrorId and exact message.</summary>
    public class AlpharunConnectionAddressTests
    {
        private static readonly ApiKey Key = ApiKey.FromPlainText("k-connection");

        [Fact]
        public void ANonHttpSchemeIsInvalidBaseUri()
        {
            var e = Assert.Throws<InvalidAddressException>(() => new AlpharunConnection(Key, new Uri("ftp://api.example.test/api/v1")));

            Assert.Equal("InvalidBaseUri", e.ErrorId);
            Assert.Equal("baseUri", e.ParamName);
            Assert.Equal("The base URI 'ftp://api.example.test/api/v1' is not an absolute http(s) address. Pass the API's address, e.g. https://api.alpharun.com/api/v1.", e.Message);
        }

        [Fact]
        public void AQueryIsInvalidBaseUri()
        {
            var e = Assert.Throws<InvalidAddressException>(() => new AlpharunConnection(Key, new Uri("https://api.example.test/api/v1?tenant=7")));

            Assert.Equal("InvalidBaseUri", e.ErrorId);
            Assert.Equal("baseUri", e.ParamName);
            Assert.Equal("The base URI 'https://api.example.test/api/v1?tenant=7' has a query or fragment ('?tenant=7'), which the upload address cannot carry. Pass the address without it, e.g. https://api.example.test/api/v1.", e.Message);
        }

        [Fact]
        public void AFragmentIsInvalidBaseUri()
        {
            var e = Assert.Throws<InvalidAddressException>(() => new AlpharunConnection(Key, new Uri("https://api.example.test/api/v1#top")));

            Assert.Equal("InvalidBaseUri", e.ErrorId);
            Assert.Equal("The base URI 'https://api.example.test/api/v1#top' has a query or fragment ('#top'), which the upload address cannot carry. Pass the address without it, e.g. https://api.example.test/api/v1.", e.Message);
        }

        [Fact]
        public void PlainHttpOffLoopbackIsInsecureBaseUri()
        {
            var e = Assert.Throws<InvalidAddressException>(() => new AlpharunConnection(Key, new Uri("http://api.example.test/api/v1")));

            Assert.Equal("InsecureBaseUri", e.ErrorId);
            Assert.Equal("baseUri", e.ParamName);
            Assert.Equal("The base URI 'http://api.example.test/api/v1' is plain http, which would send the API key unencrypted. Use https, or pass -AllowUnencryptedAuthentication if this network is trusted.", e.Message);
        }

        [Fact]
        public void AnAddressWithNeitherQueryNorFragmentIsKeptWithItsProxy()
        {
            var proxy = new AlpharunProxy(new Uri("http://proxy.example.test:8080"));
            var connection = new AlpharunConnection(Key, new Uri("https://api.example.test/api/v1"), proxy: proxy);

            Assert.Equal("https://api.example.test/api/v1", connection.ToString());
            Assert.Same(proxy, connection.Proxy);
        }
    }
}
