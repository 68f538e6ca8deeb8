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

        [Theory]
        [InlineData("https://ana:s3cret-Pass@api.example.test/api/v1", "https://***@api.example.test/api/v1", "https://api.example.test/api/v1")]
        [InlineData("https://ana@api.example.test:8443/api/v1", "https://***@api.example.test:8443/api/v1", "https://api.example.test:8443/api/v1")]
        [InlineData("http://u:s3cret-Pass@127.0.0.1:9/api/v1", "http://***@127.0.0.1:9/api/v1", "http://127.0.0.1:9/api/v1")]
        public void AUserNameAndPasswordAreInvalidBaseUriShownWithoutThem(string address, string shown, string fix)
        {
            var e = Assert.Throws<InvalidAddressException>(() => new AlpharunConnection(Key, new Uri(address), allowUnencryptedAuthentication: true));

            Assert.Equal("InvalidBaseUri", e.ErrorId);
            Assert.Equal("baseUri", e.ParamName);
            Assert.Equal($"The base URI '{shown}' carries a user name and password, which the Alpharun API does not use: the API key is its only credential, sent in the Authorization header. Pass the address without them, e.g. {fix}.", e.Message);
            Assert.DoesNotContain("s3cret", e.ToString());
            Assert.DoesNotContain("ana", e.Message);
        }

        [Fact]
        public void EnsureUsableIsTheConstructorsRuleAlone()
        {
            // The cmdlets check an address with it before they show it (-WhatIf), before any connection is made.
            Assert.Equal("InvalidBaseUri", Assert.Throws<InvalidAddressException>(() => AlpharunConnection.EnsureUsable(new Uri("https://u:p@api.example.test/"))).ErrorId);
            Assert.Equal("InvalidBaseUri", Assert.Throws<InvalidAddressException>(() => AlpharunConnection.EnsureUsable(new Uri("https://api.example.test/?q"))).ErrorId);
            AlpharunConnection.EnsureUsable(new Uri("http://api.example.test/api/v1"));
        }

        [Theory]
        [InlineData("https://u:pass@h/x", "https://***@h/x")]
        [InlineData("user:pass@api.example.test/api/v1", "user:***@api.example.test/api/v1")]
        [InlineData("ftp://u:pass@h/", "ftp://***@h/")]
        [InlineData("https://api.example.test/a@b", "https://api.example.test/a@b")]
        [InlineData("api.example.test/api/v1", "api.example.test/api/v1")]
        public void AddressTextHidesWhatLooksLikeAUserNameAndPassword(string typed, string shown)
        {
            Assert.Equal(shown, AddressText.Show(typed));
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
