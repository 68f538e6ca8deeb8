using System;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// RecordingUploadResult beyond OutputTests: a file still being written (InProgress) was not sent, so it has no id,
    /// no answer and no acceptance time; Contacts is "a; b" text only when -Contact would read each part back as the
    /// same lone email or phone number, otherwise the JSON array as sent (README "Output": a CSV of results can be sent
    /// again).
    /// </summary>
    public sealed class RecordingUploadResultTests : IDisposable
    {
        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        [Fact]
        public void AFileStillBeingWrittenHasNoIdNoAnswerAndNoAcceptanceTime()
        {
            string file = _sandbox.Files.Create("fresh.wav", 4100, seed: 5);

            PSObject upload = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -MinimumAge 1h", file).ThrowIfFailed().Output.Single();

            Assert.Equal("Alpharun.RecordingUpload", upload.TypeNames[0]);
            Assert.Equal("InProgress", upload.Properties["Status"].Value);
            Assert.Null(upload.Properties["RecordingId"].Value);
            Assert.Null(upload.Properties["Id"].Value);
            Assert.Null(upload.Properties["AcceptedAt"].Value);
            Assert.Equal(0, upload.Properties["HttpStatus"].Value);
            Assert.Equal(0, upload.Properties["Attempts"].Value);
            Assert.Equal(4100L, upload.Properties["Length"].Value);
            Assert.Equal("fresh.wav: InProgress ", upload.BaseObject.ToString());
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }

        public static TheoryData<Contact, string> ContactsSentAsJson => new TheoryData<Contact, string>
        {
            { new Contact(email: "bob@client.com", lastName: "Smith"), "[{\"email\":\"bob@client.com\",\"last_name\":\"Smith\"}]" },
            { new Contact(email: "bob@client.com", customFields: new[] { new CustomField("tier", "gold") }), "[{\"email\":\"bob@client.com\",\"custom_fields\":[{\"key\":\"tier\",\"value\":\"gold\"}]}]" },
            { new Contact(email: "bob;x@client.com"), "[{\"email\":\"bob;x@client.com\"}]" },
            { new Contact(email: "bob,x@client.com"), "[{\"email\":\"bob,x@client.com\"}]" },
            { new Contact(email: "[bob@client.com"), "[{\"email\":\"[bob@client.com\"}]" },
            { new Contact(email: "{bob@client.com"), "[{\"email\":\"{bob@client.com\"}]" },
            { new Contact(email: "bob.client.com"), "[{\"email\":\"bob.client.com\"}]" },
            { new Contact(phoneNumber: "12"), "[{\"phone_number\":\"12\"}]" },
        };

        [Theory]
        [MemberData(nameof(ContactsSentAsJson))]
        public void AContactTextWouldNotReadBackAsTheSameIsWrittenAsJson(Contact contact, string json)
        {
            Assert.Equal(json, Alpharun.RecordingUploadResult.ContactsText(new[] { contact }));
        }

        [Fact]
        public void LoneEmailsAndPhoneNumbersAreJoinedWithSemicolons()
        {
            Assert.Equal("bob@client.com; +15551234567; carol@client.com",
                Alpharun.RecordingUploadResult.ContactsText(new[] { new Contact(email: "bob@client.com"), new Contact(phoneNumber: "+15551234567"), new Contact(email: "carol@client.com") }));
        }

        [Fact]
        public void OneContactThatIsNotLoneMakesTheWholeListJson()
        {
            Assert.Equal("[{\"email\":\"bob@client.com\"},{\"ext_id\":\"crm-1\"}]",
                Alpharun.RecordingUploadResult.ContactsText(new[] { new Contact(email: "bob@client.com"), new Contact(extId: "crm-1") }));
        }
    }
}
