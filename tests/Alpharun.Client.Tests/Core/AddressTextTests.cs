using System;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>How an address is shown and stripped of a user name and password (<see cref="AddressText"/>).</summary>
    public class AddressTextTests
    {
        [Fact]
        public void AnAbsoluteAddressWithAPasswordIsShownInItsCanonicalFormWithoutIt()
        {
            // The parsed address, not the text typed: scheme and host lower-cased, the space escaped.
            Assert.Equal("https://***@proxy.example.test:8080/a%20b", AddressText.Show(new Uri("HTTPS://corp-user:fake-password@Proxy.Example.test:8080/a b")));
        }

        [Fact]
        public void AnAddressWithoutUserInfoIsItsOwnAddressWithoutUserInfo()
        {
            var uri = new Uri("https://api.example.test/api/v1");

            Assert.Same(uri, AddressText.WithoutUserInfo(uri));
        }

        [Fact]
        public void ARelativeAddressIsItsOwnAddressWithoutUserInfo()
        {
            var uri = new Uri("/api/v1", UriKind.Relative);

            Assert.Same(uri, AddressText.WithoutUserInfo(uri));
        }

        [Fact]
        public void NoAddressIsAnArgumentError()
        {
            Assert.Equal("uri", Assert.Throws<ArgumentNullException>(() => AddressText.Show((Uri)null!)).ParamName);
            Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => AddressText.Show((string)null!)).ParamName);
            Assert.Equal("uri", Assert.Throws<ArgumentNullException>(() => AddressText.WithoutUserInfo(null!)).ParamName);
        }
    }
}
