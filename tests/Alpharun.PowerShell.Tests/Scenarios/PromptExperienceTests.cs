using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>What a user sees at the prompt: default views, extra members, tab completion.</summary>
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

        private string[] Complete(string input) =>
            _session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches | ForEach-Object CompletionText", input)
                .ThrowIfFailed().Output.Select(o => (string)o.BaseObject).ToArray();

        [Fact]
        public void PathCompletionOffersFoldersAndAudioFilesOnly()
        {
            _files.Create("call.wav");
            _files.Create("call.mp3");
            _files.Create("notes.txt");
            Directory.CreateDirectory(Path.Combine(_files.Folder, "sub"));

            string[] offered = Complete($"Send-AlpharunRecording -Path {_files.Folder}{Path.DirectorySeparatorChar}").Select(c => Path.GetFileName(c.Trim('\'', '"'))).ToArray();

            Assert.Equal(new[] { "call.mp3", "call.wav", "sub" }, offered.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void TeammateAndPlaybookCompletionOfferWhatThisSessionUsed()
        {
            _session.Run(@"
                Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -PlaybookId 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b
                Send-AlpharunRecording -LiteralPath $args[1] -Teammate li@acme.com -Contact bob@client.com", _files.Create("1.wav"), _files.Create("2.wav")).ThrowIfFailed();

            Assert.Equal(new[] { "li@acme.com", "ana@acme.com" }, Complete("Send-AlpharunRecording -Teammate "));
            Assert.Equal(new[] { "ana@acme.com" }, Complete("Send-AlpharunRecording -Teammate an"));
            Assert.Equal(new[] { "3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b" }, Complete("Send-AlpharunRecording -PlaybookId "));
        }
    }
}
