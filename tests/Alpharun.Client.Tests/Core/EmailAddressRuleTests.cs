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

        [Fact]
        public void RefusesNull() => Assert.False(EmailAddressRule.IsValid(null));

        // A local part of `local` characters and a domain of 63 + 63 + `last` + ".com" characters.
        private static string Address(int local, int last) =>
            new string('l', local) + "@" + new string('a', 63) + "." + new string('b', 63) + "." + new string('c', last) + ".com";

        [Fact]
        public void AcceptsAnAddressOfExactly254CharactersWithA64CharacterLocalPart()
        {
            string email = Address(64, 57);
            Assert.Equal(254, email.Length);
            Assert.True(EmailAddressRule.IsValid(email));
        }

        [Fact]
        public void RefusesAnAddressOf255Characters()
        {
            string email = Address(64, 58);
            Assert.Equal(255, email.Length);
            Assert.False(EmailAddressRule.IsValid(email));
        }

        [Fact]
        public void RefusesALocalPartOf65Characters()
        {
            string email = Address(65, 20);
            Assert.True(email.Length < 254);
            Assert.False(EmailAddressRule.IsValid(email));
        }

        [Fact]
        public void ComparesTrimmedAndCaseInsensitively() => Assert.Equal("BOB@CLIENT.COM", EmailAddressRule.Normalize("  Bob@Client.com "));
    }
}
