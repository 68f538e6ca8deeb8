using System;
using System.Linq;
using System.Text;
using Xunit;

namespace Alpharun.Tests
{
    public class ContactsJsonTests
    {
        private static string Encode(params Contact[] contacts) => Encoding.UTF8.GetString(ContactsJson.Encode(contacts));

        [Fact]
        public void LeavesOutMembersThatAreNotSet() =>
            Assert.Equal("[{\"email\":\"bob@client.com\"}]", Encode(new Contact(email: "bob@client.com")));

        [Fact]
        public void UsesTheApiSnakeCaseNames() =>
            Assert.Equal(
                "[{\"email\":\"b@c.io\",\"first_name\":\"Bob\",\"last_name\":\"Li\",\"phone_number\":\"+15551234567\",\"ext_id\":\"crm-1\"}]",
                Encode(new Contact("b@c.io", "+15551234567", "crm-1", "Bob", "Li")));

        [Fact]
        public void WritesCustomFieldValuesWithTheirJsonTypes()
        {
            var contact = new Contact(extId: "x", customFields: new[]
            {
                new CustomField("tier", "gold"), new CustomField("seats", 12), new CustomField("score", 4.5),
                new CustomField("vip", true), new CustomField("notes", null), new CustomField("price", 19.99m),
            });
            Assert.Equal(
                "[{\"ext_id\":\"x\",\"custom_fields\":[{\"key\":\"tier\",\"value\":\"gold\"},{\"key\":\"seats\",\"value\":12},{\"key\":\"score\",\"value\":4.5},{\"key\":\"vip\",\"value\":true},{\"key\":\"notes\",\"value\":null},{\"key\":\"price\",\"value\":19.99}]}]",
                Encode(contact));
        }

        [Fact]
        public void DecodesWhatItEncodes()
        {
            var original = new Contact("b@c.io", "+1 555", "e1", "Bob", "Li", new[] { new CustomField("n", 3L), new CustomField("s", "v"), new CustomField("b", false), new CustomField("z", null) });
            Contact decoded = Assert.Single(ContactsJson.Decode(Encode(original)));
            Assert.Equal(("b@c.io", "+1 555", "e1", "Bob", "Li"), (decoded.Email, decoded.PhoneNumber, decoded.ExtId, decoded.FirstName, decoded.LastName));
            Assert.Equal(new object?[] { 3L, "v", false, null }, decoded.CustomFields.Select(f => f.Value));
        }

        [Fact]
        public void DecodesANumericPhoneNumberDigitsIntact() =>
            Assert.Equal("15551234567", Assert.Single(ContactsJson.Decode("[{\"phone_number\":15551234567}]")).PhoneNumber);

        [Theory]
        [InlineData("not json")]
        [InlineData("42")]
        [InlineData("[{\"email\":5}]")]
        [InlineData("[{\"custom_fields\":[{\"key\":\"a\",\"value\":{}}]}]")]
        public void RefusesMalformedJsonWithAFormatException(string json) => Assert.Throws<FormatException>(() => ContactsJson.Decode(json));

        [Fact]
        public void DecodesASingleContactObjectAsAListOfOne() =>
            Assert.Equal("bob@client.com", Assert.Single(ContactsJson.Decode("{\"email\":\"bob@client.com\"}")).Email);

        [Fact]
        public void DecodesCustomFieldValuesOfEveryJsonType()
        {
            Contact contact = Assert.Single(ContactsJson.Decode(
                "[{\"ext_id\":\"x\",\"custom_fields\":[{\"key\":\"vip\",\"value\":true},{\"key\":\"churned\",\"value\":false},{\"key\":\"seats\",\"value\":12}," +
                "{\"key\":\"price\",\"value\":19.99},{\"key\":\"big\",\"value\":1e30},{\"key\":\"tier\",\"value\":\"gold\"},{\"key\":\"notes\",\"value\":null}]}]"));
            Assert.Equal(new object?[] { true, false, 12L, 19.99m, 1e30d, "gold", null }, contact.CustomFields.Select(f => f.Value));
        }

        [Theory]
        [InlineData("42", "contacts must be a JSON array of contact objects.")]
        [InlineData("{\"email\":5}", "contacts[0].email must be a string.")]
        [InlineData("[{\"email\":\"a@b.io\"},{\"email\":5}]", "contacts[1].email must be a string.")]
        [InlineData("[{\"email\":\"a@b.io\"},{},\"c@d.io\"]", "contacts[2] must be a JSON object.")]
        [InlineData("[{\"custom_fields\":{\"a\":1}}]", "contacts[0].custom_fields must be an array of {\"key\", \"value\"} objects.")]
        [InlineData("[{\"custom_fields\":[{\"key\":\"a\",\"value\":1},{\"value\":2}]}]", "contacts[0].custom_fields[1] must be an object with a non-empty string key.")]
        [InlineData("[{\"custom_fields\":[{\"key\":\"a\",\"value\":1},{\"key\":\" \",\"value\":2}]}]", "contacts[0].custom_fields[1] must be an object with a non-empty string key.")]
        [InlineData("[{\"custom_fields\":[{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":2},{\"key\":\"c\"}]}]", "contacts[0].custom_fields[2].value is required (it may be null).")]
        [InlineData("[{\"custom_fields\":[{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":[1]}]}]", "contacts[0].custom_fields[1].value must be a string, a number, a boolean or null.")]
        public void MalformedContactsAreRefusedNamingTheMemberAtFault(string json, string message) =>
            Assert.Equal(message, Assert.Throws<FormatException>(() => ContactsJson.Decode(json)).Message);

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        public void CustomFieldRefusesNumbersJsonCannotHold(double value) => Assert.Throws<InvalidCustomFieldException>(() => new CustomField("k", value));

        [Fact]
        public void CustomFieldRefusesADateTime()
        {
            var e = Assert.Throws<InvalidCustomFieldException>(() => new CustomField("when", DateTime.Now));
            Assert.Contains("System.DateTime", e.Message);
        }
    }
}
