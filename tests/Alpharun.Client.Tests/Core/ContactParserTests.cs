using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
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

        /// <summary>What a contact holds, in one line: the five members and the custom fields.</summary>
        private static string Show(Contact c) =>
            $"email={c.Email} phone={c.PhoneNumber} ext={c.ExtId} first={c.FirstName} last={c.LastName} fields={string.Join(",", c.CustomFields.Select(f => f.ToString()))}";

        [Theory]
        [InlineData("Email", "email=v phone= ext= first= last= fields=")]
        [InlineData("EmailAddress", "email=v phone= ext= first= last= fields=")]
        [InlineData("PhoneNumber", "email= phone=v ext= first= last= fields=")]
        [InlineData("phone_number", "email= phone=v ext= first= last= fields=")]
        [InlineData("Phone", "email= phone=v ext= first= last= fields=")]
        [InlineData("ExtId", "email= phone= ext=v first= last= fields=")]
        [InlineData("ext_id", "email= phone= ext=v first= last= fields=")]
        [InlineData("FirstName", "email= phone= ext= first=v last= fields=")]
        [InlineData("first_name", "email= phone= ext= first=v last= fields=")]
        [InlineData("LastName", "email= phone= ext= first= last=v fields=")]
        [InlineData("last_name", "email= phone= ext= first= last=v fields=")]
        public void EveryKeySpellingFillsItsMemberInAnyCase(string key, string expected)
        {
            foreach (string spelling in new[] { key, key.ToUpperInvariant(), key.ToLowerInvariant() })
            {
                Assert.True(ContactParser.IsContactKey(spelling), spelling);
                Assert.Equal(expected, Show(ContactParser.FromMap(new Dictionary<string, object?> { [spelling] = "v" }, strictKeys: true)));
            }
        }

        [Theory]
        [InlineData("CustomField")]
        [InlineData("CustomFields")]
        [InlineData("custom_fields")]
        public void EveryCustomFieldsSpellingTakesAHashtableOfFields(string key)
        {
            foreach (string spelling in new[] { key, key.ToUpperInvariant(), key.ToLowerInvariant() })
            {
                Assert.True(ContactParser.IsContactKey(spelling), spelling);
                var fields = new Hashtable { ["plan"] = "pro" };
                Assert.Equal("email=a@b.io phone= ext= first= last= fields=plan=pro",
                    Show(ContactParser.FromMap(new Dictionary<string, object?> { ["email"] = "a@b.io", [spelling] = fields }, strictKeys: true)));
            }
        }

        [Fact]
        public void CustomFieldsGivenAsTextAreRefusedNamingTheType()
        {
            var e = Assert.Throws<ArgumentException>(() => ContactParser.CustomFieldsFrom("plan=pro"));
            Assert.Equal("Custom fields must be given as a hashtable of key = value, not a System.String.", e.Message);
        }

        [Fact]
        public void CustomFieldKeysOfADictionaryAreTakenAsTextInOrder() =>
            Assert.Equal(new[] { "7=seven", "1.5=x" },
                ContactParser.CustomFieldsFrom(new OrderedDictionary { { 7, "seven" }, { 1.5m, "x" } }).Select(f => f.ToString()));

        [Theory]
        [InlineData(15551234567d, "15551234567")]
        [InlineData(441234567890123d, "441234567890123")]
        public void WholeNumberPhoneFromASpreadsheetIsSentWithAllItsDigits(double phone, string expected) =>
            Assert.Equal(expected, ContactParser.FromMap(new Dictionary<string, object?> { ["Phone"] = phone }, strictKeys: true).PhoneNumber);

        [Theory]
        [InlineData(1234567890123456d, "1234567890123456")]
        [InlineData(9007199254740992d, "9007199254740992")]
        public void SixteenDigitWholeNumberPhoneFromASpreadsheetIsSentWithEveryDigit(double phone, string expected) =>
            Assert.Equal(expected, ContactParser.FromMap(new Dictionary<string, object?> { ["Phone"] = phone }, strictKeys: true).PhoneNumber);

        [Fact]
        public void WholeNumberBeyondWhatADoubleHoldsExactlyIsRefusedAsNotText()
        {
            var e = Assert.Throws<FormatException>(() => ContactParser.FromMap(new Dictionary<string, object?> { ["Phone"] = 9007199254740994d }, strictKeys: true));
            Assert.Equal("The contact's Phone must be text, not a System.Double.", e.Message);
        }

        [Theory]
        [InlineData(1555123456.7d)]
        [InlineData(1e17d)]
        [InlineData(-1e18d)]
        public void NumberThatIsNotAWholeNumberOfFewerThan18DigitsIsRefusedAsNotText(double phone)
        {
            var e = Assert.Throws<FormatException>(() => ContactParser.FromMap(new Dictionary<string, object?> { ["Phone"] = phone }, strictKeys: true));
            Assert.Equal("The contact's Phone must be text, not a System.Double.", e.Message);
        }

        [Fact]
        public void TrueAsAnEmailIsRefusedNamingTheKeyAsGiven()
        {
            var e = Assert.Throws<FormatException>(() => ContactParser.FromMap(new Dictionary<string, object?> { ["EMAIL"] = true }, strictKeys: false));
            Assert.Equal("The contact's EMAIL must be text, not a System.Boolean.", e.Message);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  \t ")]
        public void EmptyTextIsRefusedAndToldWhatToGive(string? text)
        {
            var e = Assert.Throws<FormatException>(() => ContactParser.ParseText(text!));
            Assert.Equal("The contact is empty. Give an email address, a phone number or a New-AlpharunContact object.", e.Message);
        }

        [Fact]
        public void TextOfSeparatorsOnlyIsRefusedAsHoldingNoContact()
        {
            var e = Assert.Throws<FormatException>(() => ContactParser.ParseText(" ;, ; "));
            Assert.Equal("The contact ';, ;' holds no email address or phone number.", e.Message);
        }

        [Fact]
        public void BlankPiecesBetweenSeparatorsAreSkipped() =>
            Assert.Equal(new[] { "a@x.io", "b@x.io" }, ContactParser.ParseText("a@x.io; ;  , b@x.io").Select(c => c.ToString()));

        [Fact]
        public void TextStartingWithAnAtSignIsTakenAsAnEmailForTheValidatorToJudge() =>
            Assert.Equal("@client.com", Assert.Single(ContactParser.ParseText("@client.com")).Email);

        [Fact]
        public void LenientMapIgnoresOtherColumns() =>
            Assert.Equal("a@b.io", ContactParser.FromMap(new Dictionary<string, object?> { ["email"] = "a@b.io", ["duration"] = "33" }, strictKeys: false).Email);
    }
}
