using System;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// When two entries of one batch are the same upload (sent once, the second reported as a repeat): the same file
    /// with the same teammate (any case), recorded_at, playbook and contacts. Here, beside the cmdlet's "listed more
    /// than once" tests, because the plan mutation partition runs this project.
    /// </summary>
    public sealed class UploadIdentityTests
    {
        private static readonly DateTimeOffset At = new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.Zero);
        private static readonly Guid Playbook = Guid.Parse("11111111-2222-3333-4444-555555555555");

        private static RecordingUploadRequest Request(string path = "/calls/a.wav", string teammate = "ana@acme.com", DateTimeOffset? at = null, Guid? playbook = null, string contact = "bob@client.com") =>
            new RecordingUploadRequest(path, teammate, at ?? At, new[] { new Contact(contact) }, playbook);

        [Fact]
        public void TheSameFileAndFieldsAreOneUploadWhateverTheTeammatesCase()
        {
            Assert.Equal(UploadIdentity.Of(Request()), UploadIdentity.Of(Request(teammate: "Ana@ACME.com")));
            Assert.Equal(UploadIdentity.Of(Request(playbook: Playbook)), UploadIdentity.Of(Request(playbook: Playbook)));
        }

        [Theory]
        [InlineData("path")]
        [InlineData("teammate")]
        [InlineData("recorded_at")]
        [InlineData("playbook")]
        [InlineData("contacts")]
        public void AnyOtherFieldMakesAnotherUpload(string field)
        {
            RecordingUploadRequest other = field switch
            {
                "path" => Request(path: "/calls/b.wav"),
                "teammate" => Request(teammate: "eve@acme.com"),
                "recorded_at" => Request(at: At.AddSeconds(1)),
                "playbook" => Request(playbook: Playbook),
                _ => Request(contact: "carol@client.com"),
            };

            Assert.NotEqual(UploadIdentity.Of(Request()), UploadIdentity.Of(other));
        }

        [Fact]
        public void OnLinuxAndMacOSTwoNamesThatDifferInCaseAreTwoFiles()
        {
            if (OperatingSystem.IsWindows()) return; // one file there: the Windows case below
            Assert.NotEqual(UploadIdentity.Of(Request(path: "/calls/A.wav")), UploadIdentity.Of(Request(path: "/calls/a.wav")));
        }

        [Fact]
        public void OnWindowsTwoNamesThatDifferInCaseAreOneFile()
        {
            if (!OperatingSystem.IsWindows()) return; // two files elsewhere: the case above
            Assert.Equal(UploadIdentity.Of(Request(path: @"C:\Calls\A.wav")), UploadIdentity.Of(Request(path: @"c:\calls\a.wav")));
        }

        [Fact]
        public void ARequestIsNeeded()
        {
            Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => UploadIdentity.Of(null!)).ParamName);
        }
    }
}
