using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// What Send-AlpharunRecording writes for an accepted file (README "Output"), in the hosted engine so mutation
    /// testing sees it; tests/pester/Output.Tests.ps1 holds the views, JSON and CSV as users meet them.
    /// </summary>
    public sealed class OutputTests : IDisposable
    {
        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        [Fact]
        public void AnUploadIsWrittenAsAlpharunRecordingUploadWithEveryPropertyInOrder()
        {
            string file = _sandbox.Files.Create("call.wav", 4044, seed: 1);
            var before = DateTimeOffset.Now;

            PSObject upload = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00-05:00' -PlaybookId 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b", file).ThrowIfFailed().Output.Single();

            Assert.Equal("Alpharun.RecordingUpload", upload.TypeNames[0]);
            Assert.Equal(
                new[] { "Id", "FileName", "Status", "RecordingId", "Teammate", "RecordedAt", "RecordedAtSource", "Contacts", "PlaybookId", "Path", "Length", "MediaType", "AudioDurationSeconds", "HttpStatus", "Attempts", "ElapsedSeconds", "AcceptedAt" },
                upload.Properties.Select(p => p.Name).ToArray());
            PSObject received = Assert.Single(_sandbox.Received());
            Guid id = (Guid)received.Properties["RecordingId"].Value;
            Assert.Equal(id, upload.Properties["Id"].Value);
            Assert.Equal(id, upload.Properties["RecordingId"].Value);
            Assert.Equal("call.wav", upload.Properties["FileName"].Value);
            Assert.Equal("Created", upload.Properties["Status"].Value);
            Assert.Equal("ana@acme.com", upload.Properties["Teammate"].Value);
            Assert.Equal("2024-01-15T14:30:00-05:00", upload.Properties["RecordedAt"].Value);
            Assert.Equal("Parameter", upload.Properties["RecordedAtSource"].Value);
            Assert.Equal("bob@client.com", upload.Properties["Contacts"].Value);
            Assert.Equal(Guid.Parse("3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b"), upload.Properties["PlaybookId"].Value);
            Assert.Equal(file, upload.Properties["Path"].Value);
            Assert.Equal(4044L, upload.Properties["Length"].Value);
            Assert.Equal("audio/wav", upload.Properties["MediaType"].Value);
            Assert.Null(upload.Properties["AudioDurationSeconds"].Value);
            Assert.Equal(201, upload.Properties["HttpStatus"].Value);
            Assert.Equal(1, upload.Properties["Attempts"].Value);
            double elapsed = (double)upload.Properties["ElapsedSeconds"].Value;
            Assert.InRange(elapsed, 0.0, 60.0);
            Assert.Equal(Math.Round(elapsed, 3), elapsed);
            var accepted = DateTimeOffset.ParseExact((string)upload.Properties["AcceptedAt"].Value, "yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
            Assert.InRange(accepted, before.AddSeconds(-1), DateTimeOffset.Now.AddSeconds(1));
            Assert.Equal($"call.wav: Created {id}", upload.BaseObject.ToString());
        }

        [Fact]
        public void TheAudioLengthIsInSecondsToTheMillisecond()
        {
            // 12,345 frames at 8 kHz: 1.543125 s, written as 1.543.
            string file = _sandbox.Files.Create("tone.wav");
            System.IO.File.WriteAllBytes(file, Wav(frames: 12345, sampleRate: 8000));

            PSObject upload = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z'", file).ThrowIfFailed().Output.Single();

            Assert.Equal(1.543, upload.Properties["AudioDurationSeconds"].Value);
        }

        [Theory]
        [InlineData("'bob@client.com', '+15551234567'", "bob@client.com; +15551234567")]
        [InlineData("@{ email = 'bob@client.com'; first_name = 'Bob' }", "[{\"email\":\"bob@client.com\",\"first_name\":\"Bob\"}]")]
        [InlineData("@{ phone_number = '+15551234567' }, 'carol@client.com'", "+15551234567; carol@client.com")]
        [InlineData("@{ email = 'bob@client.com'; phone_number = '+15551234567' }", "[{\"email\":\"bob@client.com\",\"phone_number\":\"+15551234567\"}]")]
        [InlineData("@{ ext_id = 'crm-1' }", "[{\"ext_id\":\"crm-1\"}]")]
        public void ContactsAreTextThatMinusContactTakesBack(string contact, string text)
        {
            string file = _sandbox.Files.Create("call.wav", seed: 3);

            PSObject upload = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -RecordedAt '2024-01-15T14:30:00Z' -Contact " + contact, file).ThrowIfFailed().Output.Single();
            string contacts = (string)upload.Properties["Contacts"].Value;
            PSObject again = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -RecordedAt '2024-01-15T14:30:00Z' -Contact $args[1]", file, contacts).ThrowIfFailed().Output.Single();

            Assert.Equal(text, contacts);
            // The same contacts again: the same recording.
            Assert.Equal("AlreadyExisted", again.Properties["Status"].Value);
            Assert.Equal(upload.Properties["RecordingId"].Value, again.Properties["RecordingId"].Value);
        }

        [Fact]
        public void ContactsTextOfNoContactsIsAnEmptyJsonArray() =>
            Assert.Equal("[]", Alpharun.RecordingUploadResult.ContactsText(Array.Empty<Contact>()));

        [Fact]
        public void ContactsTextOfAPhoneNumberWithAnAtSignIsJson() =>
            Assert.Equal("[{\"phone_number\":\"+1 555@0100\"}]", Alpharun.RecordingUploadResult.ContactsText(new[] { new Contact(phoneNumber: "+1 555@0100") }));

        [Fact]
        public void ContactsTextOfNullIsRefusedByName() =>
            Assert.Equal("contacts", Assert.Throws<ArgumentNullException>(() => Alpharun.RecordingUploadResult.ContactsText(null!)).ParamName);

        [Fact]
        public void ToPSObjectOfNullIsRefusedByName() =>
            Assert.Equal("upload", Assert.Throws<ArgumentNullException>(() => Alpharun.RecordingUploadResult.ToPSObject(null!)).ParamName);

        private static byte[] Wav(int frames, int sampleRate)
        {
            var stream = new System.IO.MemoryStream();
            using (var w = new System.IO.BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
            {
                w.Write("RIFF".ToCharArray()); w.Write(36 + frames * 2); w.Write("WAVE".ToCharArray());
                w.Write("fmt ".ToCharArray()); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(sampleRate); w.Write(sampleRate * 2); w.Write((short)2); w.Write((short)16);
                w.Write("data".ToCharArray()); w.Write(frames * 2); w.Write(new byte[frames * 2]);
            }
            return stream.ToArray();
        }
    }
}
