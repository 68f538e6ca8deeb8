using Xunit;

namespace Alpharun.Tests
{
    public class EmailAddressRuleTests
    {
        [Theory]
        [InlineData("ana@acme.com")]
        [InlineData("ana.maria+calls@sub.acme.co.uk")]
        [InlineData("o'brien@acme.ie")]
        [InlineData("josé@exämple.de")]
        public void AcceptsRealAddresses(string email) => Assert.True(EmailAddressRule.IsValid(email));

        [Theory]
        [InlineData("ana@acme")]
        [InlineData("ana@@acme.com")]
        [InlineData("ana acme@acme.com")]
        [InlineData("ana@acme..com")]
        [InlineData(".ana@acme.com")]
        [InlineData("ana.@acme.com")]
        [InlineData("ana@-acme.com")]
        [InlineData("@acme.com")]
        [InlineData("ana@")]
        [InlineData("ana@acme.com.")]
        [InlineData("ana@acme,com")]
        [InlineData("")]
        public void RefusesAlmostValidAddresses(string email) => Assert.False(EmailAddressRule.IsValid(email));
    }
}
