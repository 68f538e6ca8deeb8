using System;
using System.Net;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>-Proxy: only absolute http(s) addresses, one kind of credential, and the WebProxy the handler gets.</summary>
    public class AlpharunProxyTests
    {
        private const string NotHttp = " is not an absolute http address such as http://proxy.example.com:8080. Pass -Proxy with the proxy's address.";

        [Fact]
        public void ANullAddressIsRefusedByName() =>
            Assert.Equal("address", Assert.Throws<ArgumentNullException>(() => new AlpharunProxy(null!)).ParamName);

        [Theory]
        [InlineData("http://proxy.example.test:8080/")]
        [InlineData("https://proxy.example.test/")]
        public void HttpAndHttpsAddressesAreKept(string address)
        {
            var proxy = new AlpharunProxy(new Uri(address));

            Assert.Equal(new Uri(address), proxy.Address);
            Assert.Equal(address, proxy.ToString());
            Assert.False(proxy.HasCredential);
            Assert.False(proxy.UseDefaultCredentials);
        }

        [Theory]
        [InlineData("socks5://proxy.example.test:1080/")]
        [InlineData("ftp://proxy.example.test/")]
        public void OtherSchemesAreRefusedAsInvalidProxy(string address)
        {
            var e = Assert.Throws<InvalidAddressException>(() => new AlpharunProxy(new Uri(address)));

            Assert.Equal("InvalidProxy", e.ErrorId);
            Assert.Equal($"The proxy '{address}'" + NotHttp, e.Message);
            Assert.Null(e.ParamName);
        }

        [Fact]
        public void ARelativeAddressIsRefusedAsInvalidProxy()
        {
            // A relative Uri has no scheme at all: reading it would throw, so the absolute check must come first.
            var e = Assert.Throws<InvalidAddressException>(() => new AlpharunProxy(new Uri("proxy.example.test", UriKind.Relative)));

            Assert.Equal("InvalidProxy", e.ErrorId);
            Assert.Equal("The proxy 'proxy.example.test'" + NotHttp, e.Message);
        }

        [Fact]
        public void ACredentialAndTheDefaultCredentialsExcludeEachOther()
        {
            var e = Assert.Throws<InvalidAddressException>(() =>
                new AlpharunProxy(new Uri("http://proxy.example.test:8080"), new NetworkCredential("u", "p"), useDefaultCredentials: true));

            Assert.Equal("InvalidProxy", e.ErrorId);
            Assert.Equal("-ProxyCredential and -ProxyUseDefaultCredentials exclude each other. Pass one of them.", e.Message);
        }

        [Fact]
        public void ACredentialAloneIsSentToTheProxyOnly()
        {
            var credential = new NetworkCredential("user", "pass");
            var proxy = new AlpharunProxy(new Uri("http://proxy.example.test:8080"), credential);

            Assert.True(proxy.HasCredential);
            Assert.False(proxy.UseDefaultCredentials);
            var web = Assert.IsType<WebProxy>(proxy.ToWebProxy());
            Assert.Equal(new Uri("http://proxy.example.test:8080"), web.Address);
            Assert.Same(credential, web.Credentials);
            Assert.False(web.UseDefaultCredentials);
            Assert.False(web.BypassProxyOnLocal);
        }

        [Fact]
        public void TheDefaultCredentialsAloneAreTheSignedInUsers()
        {
            var proxy = new AlpharunProxy(new Uri("http://proxy.example.test:8080"), useDefaultCredentials: true);

            Assert.False(proxy.HasCredential);
            Assert.True(proxy.UseDefaultCredentials);
            var web = Assert.IsType<WebProxy>(proxy.ToWebProxy());
            Assert.Same(CredentialCache.DefaultCredentials, web.Credentials);
            Assert.True(web.UseDefaultCredentials);
            Assert.False(web.BypassProxyOnLocal);
        }

        [Fact]
        public void NoCredentialSendsNone()
        {
            var web = Assert.IsType<WebProxy>(new AlpharunProxy(new Uri("https://proxy.example.test/")).ToWebProxy());

            Assert.Null(web.Credentials);
            Assert.False(web.UseDefaultCredentials);
            Assert.False(web.BypassProxyOnLocal);
            Assert.Equal(new Uri("https://proxy.example.test/"), web.Address);
        }

        [Fact]
        public void AUserNameAndPasswordInTheProxysAddressAreInvalidProxyShownWithoutThem()
        {
            var e = Assert.Throws<InvalidAddressException>(() => new AlpharunProxy(new Uri("http://corp%5Cana:s3cret@proxy.example.test:8080/")));

            Assert.Equal("InvalidProxy", e.ErrorId);
            Assert.Equal("The proxy 'http://***@proxy.example.test:8080/' carries a user name and password, which would print wherever the address does. Pass -Proxy http://proxy.example.test:8080/ with -ProxyCredential (Get-Credential) instead.", e.Message);
        }

        [Fact]
        public void TheEnvironmentsProxyWithTheSignedInUsersCredentialsHasNoAddress()
        {
            AlpharunProxy proxy = AlpharunProxy.FromEnvironment();

            Assert.Null(proxy.Address);
            Assert.True(proxy.UseDefaultCredentials);
            Assert.False(proxy.HasCredential);
            Assert.Null(proxy.ToWebProxy());
            Assert.Equal("the system proxy", proxy.ToString());
        }
    }
}
