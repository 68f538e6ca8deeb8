using System;
using System.Linq;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>JSON contact text (a CSV cell) reads its keys as a hashtable's: any case, no unknown key.</summary>
    public class ContactJsonTextTests
    {
        [Fact]
        public void KeysInAnyCaseAndInThePowerShellSpellingAreRead()
        {
            Contact contact = ContactParser.ParseText("[{\"Email\":\"bob@client.com\",\"PhoneNumber\":\"+14155550100\",\"EXT_ID\":\"crm-1\",\"FirstName\":\"Bob\",\"last_name\":\"Smith\"}]").Single();

            Assert.Equal("bob@client.com", contact.Email);
            Assert.Equal("+14155550100", contact.PhoneNumber);
            Assert.Equal("crm-1", contact.ExtId);
            Assert.Equal("Bob", contact.FirstName);
            Assert.Equal("Smith", contact.LastName);
        }

        [Fact]
        public void AnUnknownKeyIsAnErrorNamingIt()
        {
            var e = Assert.Throws<FormatException>(() => ContactParser.ParseText("[{\"email\":\"bob@client.com\",\"emial\":\"x\"}]"));

            Assert.Equal("contacts[0].emial: 'emial' is not a contact key. Use email, phone_number, ext_id, first_name, last_name or custom_fields (in any case, or as Email, PhoneNumber, ExtId, FirstName, LastName, CustomField).", e.Message);
        }

        [Fact]
        public void TheWireDecoderStillReadsOnlyTheApisNames()
        {
            Contact contact = ContactsJson.Decode("[{\"email\":\"bob@client.com\",\"Email\":\"other@client.com\",\"extra\":1}]").Single();

            Assert.Equal("bob@client.com", contact.Email);
        }
    }
}
