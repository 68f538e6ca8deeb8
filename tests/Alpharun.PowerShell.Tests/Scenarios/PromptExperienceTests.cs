using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>Tab completion at the prompt. Default views, the Id alias and JSON/CSV output are tested in real pwsh: tests/pester/Output.Tests.ps1.</summary>
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
