using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>What a user sees at the prompt: default views and extra members.</summary>
    public class PromptExperienceTests : IDisposable
    {
        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();

        public PromptExperienceTests()
        {
            _session.Run("Start-AlpharunSandbox | Out-Null").ThrowIfFailed();
        }

        public void Dispose()
        {
            _session.Dispose();
            _files.Dispose();
        }

        private string Render(string script, params object[] args) =>
            string.Concat(_session.Run(script + " | Out-String -Width 200", args).ThrowIfFailed().Output.Select(o => o.BaseObject.ToString()));

        [Fact]
        public void UploadsRenderAsATableOfFileStatusIdTeammateAndTime()
        {
            string file = _files.Create("table.wav");
            string text = Render("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00-05:00'", file);

            string header = text.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);
            Assert.Matches(@"^FileName\s+Status\s+RecordingId\s+Teammate\s+RecordedAt$", header);
            Assert.Matches(@"table\.wav\s+Created\s+[0-9a-f-]{36}\s+ana@acme\.com\s+2024-01-15 14:30:00 -05:00", text);
        }

        [Fact]
        public void FormatListShowsEveryUsefulField()
        {
            string file = _files.Create("list.wav");
            string text = Render("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com, '+15551234567' | Format-List", file);

            foreach (string label in new[] { "FileName", "Status", "RecordingId", "Teammate", "RecordedAt", "Contacts", "PlaybookId", "Path", "Length", "HttpStatus", "Attempts", "Duration" })
            {
                Assert.Matches($@"(?m)^{label}\s+:", text);
            }
            Assert.Contains("bob@client.com, +15551234567", text);
        }

        [Fact]
        public void ContactsRenderAsATable()
        {
            string text = Render("New-AlpharunContact -Email bob@client.com -FirstName Bob -CustomField @{ tier = 'gold' }");
            Assert.Matches(@"Email\s+PhoneNumber\s+ExtId\s+FirstName\s+LastName\s+CustomFields", text);
            Assert.Matches(@"bob@client\.com\s+Bob\s+tier=gold", text);
        }

        [Fact]
        public void UploadsHaveAnIdAlias()
        {
            string file = _files.Create("alias.wav");
            PwshResult result = _session.Run("$u = Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com; $u.Id -eq $u.RecordingId", file).ThrowIfFailed();
            Assert.Equal(true, result.Output.Single().BaseObject);
        }
    }
}
