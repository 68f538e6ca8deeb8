using System.IO;
using System.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    public class NewAlpharunContactTests
    {
        private const string Cmdlet = ",Alpharun.Commands.NewAlpharunContactCommand";

        [Fact]
        public void ReturnsATypedContact()
        {
            using var session = new PwshSession();
            PwshResult result = session.Run("New-AlpharunContact -Email bob@client.com -PhoneNumber '+15551234567' -ExtId crm-1 -FirstName Bob -LastName Li -CustomField ([ordered]@{ tier = 'gold'; seats = 12; vip = $true; note = $null; score = 4.5 })").ThrowIfFailed();

            var contact = result.Output.Single();
            Assert.Equal("Alpharun.Contact", contact.TypeNames[0]);
            Assert.Equal("bob@client.com", contact.Properties["Email"].Value);
            Assert.Equal("crm-1", contact.Properties["ExtId"].Value);
            Assert.Equal("tier=gold, seats=12, vip=True, note=null, score=4.5",
                string.Join(", ", ((System.Collections.IEnumerable)contact.Properties["CustomFields"].Value).Cast<object>().Select(f => f.ToString())));
        }

        [Fact]
        public void BindsCsvRowsByPropertyName()
        {
            using var session = new PwshSession();
            string csv = Path.GetTempFileName();
            try
            {
                File.WriteAllLines(csv, new[] { "email,phone,ext_id,first_name,last_name,unrelated", "a@x.io,,,Ann,Lee,1", ",+15550002222,crm-2,,,2" });
                PwshResult result = session.Run("Import-Csv -LiteralPath $args[0] | New-AlpharunContact", csv).ThrowIfFailed();

                Assert.Equal(2, result.Output.Count);
                Assert.Equal(("a@x.io", "Ann", "Lee"), (result.Property<string>(0, "Email"), result.Property<string>(0, "FirstName"), result.Property<string>(0, "LastName")));
                Assert.Null(result.Output[0].Properties["PhoneNumber"].Value);
                Assert.Equal(("+15550002222", "crm-2"), (result.Property<string>(1, "PhoneNumber"), result.Property<string>(1, "ExtId")));
            }
            finally
            {
                File.Delete(csv);
            }
        }

        [Theory]
        [InlineData("@{ nested = @{ a = 1 } }", "System.Collections.Specialized.OrderedDictionary")]
        [InlineData("@{ list = @(1, 2) }", "System.Object[]")]
        [InlineData("@{ when = [datetime]'2024-01-01' }", "System.DateTime")]
        [InlineData("@{ code = { 1 } }", "System.Management.Automation.ScriptBlock")]
        public void UnsupportedCustomFieldValuesAreErrors(string customField, string typeName)
        {
            using var session = new PwshSession();
            PwshResult result = session.Run($"New-AlpharunContact -Email b@c.io -CustomField {customField}");

            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidCustomField" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains(typeName, error.Exception.Message);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void ContactWithoutAnIdentifierIsAnError()
        {
            using var session = new PwshSession();
            PwshResult result = session.Run("New-AlpharunContact -FirstName Bob");
            Assert.Equal("InvalidContact" + Cmdlet, Assert.Single(result.Errors).FullyQualifiedErrorId);
        }
    }
}
