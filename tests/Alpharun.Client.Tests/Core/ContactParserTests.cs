using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Alpharun.Tests
{
    public class ContactParserTests
    {
        [Fact]
        public void TextWithAnAtSignIsAnEmail() => Assert.Equal("bob@client.com", Assert.Single(ContactParser.ParseText("bob@client.com")).Email);

        [Fact]
        public void TextOfDigitsIsAPhoneNumber() => Assert.Equal("+1 555 123 4567", Assert.Single(ContactParser.ParseText("+1 555 123 4567")).PhoneNumber);

        [Fact]
        public void SeparatedTextIsSeveralContacts() =>
            Assert.Equal(new[] { "a@x.io", "+15551234567", "b@x.io" }, ContactParser.ParseText("a@x.io; +15551234567, b@x.io").Select(c => c.ToString()));

        [Fact]
        public void JsonTextIsDecoded() =>
            Assert.Equal("crm-9", Assert.Single(ContactParser.ParseText("[{\"ext_id\":\"crm-9\"}]")).ExtId);

        [Fact]
        public void TextThatIsNeitherIsRefused()
        {
            var e = Assert.Throws<FormatException>(() => ContactParser.ParseText("bob"));
            Assert.Contains("-ExtId", e.Message);
        }

        [Fact]
        public void MapAcceptsBothSpellings()
        {
            Contact c = ContactParser.FromMap(new Dictionary<string, object?> { ["phone_number"] = 15551234567L, ["FirstName"] = "Ann", ["ext_id"] = "e" }, strictKeys: true);
            Assert.Equal(("15551234567", "Ann", "e"), (c.PhoneNumber, c.FirstName, c.ExtId));
        }

        [Fact]
        public void StrictMapRefusesAnUnknownKey() =>
            Assert.Contains("'emial'", Assert.Throws<FormatException>(() => ContactParser.FromMap(new Dictionary<string, object?> { ["emial"] = "a@b.io" }, strictKeys: true)).Message);

        [Fact]
        public void LenientMapIgnoresOtherColumns() =>
            Assert.Equal("a@b.io", ContactParser.FromMap(new Dictionary<string, object?> { ["email"] = "a@b.io", ["duration"] = "33" }, strictKeys: false).Email);
    }
}
