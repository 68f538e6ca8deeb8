using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// Tab completion of Send-AlpharunRecording's -TimeZone (IANA ids by their start or their city, Windows ids quoted,
    /// Local and UTC) and -Path/-LiteralPath (folders and audio files only, as Get-Item's parameter of the same kind
    /// writes them: wildcard characters escaped for -Path, as written for -LiteralPath), through TabExpansion2 in the
    /// hosted engine as a user's Tab key meets it. tests/pester/Completion.Tests.ps1 holds the same in pwsh itself.
    /// </summary>
    public sealed class CompletionTests : IDisposable
    {
        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session;

        public CompletionTests()
        {
            _session = new PwshSession(workingDirectory: _files.Folder);
        }

        public void Dispose()
        {
            _session.Dispose();
            _files.Dispose();
        }

        private CompletionResult[] Complete(string line) =>
            _session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", line).ThrowIfFailed()
                .Output.Select(o => (CompletionResult)o.BaseObject).ToArray();

        private string[] Texts(string line) => Complete(line).Select(c => c.CompletionText).ToArray();

        [Theory]
        [InlineData("New_Y")]
        [InlineData("new_y")]
        [InlineData("America/New_Y")]
        [InlineData("america/new_y")]
        [InlineData("'New_Y")]
        [InlineData("\"New_Y")]
        public void ATimeZoneCompletesByTheStartOfItsIdOrOfItsCityInAnyCase(string typed)
        {
            CompletionResult only = Assert.Single(Complete("Send-AlpharunRecording -TimeZone " + typed));

            Assert.Equal("America/New_York", only.CompletionText);
            Assert.Equal("America/New_York", only.ListItemText);
            Assert.Equal("America/New_York", only.ToolTip);
            Assert.Equal(CompletionResultType.ParameterValue, only.ResultType);
        }

        [Fact]
        public void IanaIdsComeFirstThenWindowsIdsQuotedBecauseTheyHoldSpaces()
        {
            CompletionResult[] results = Complete("Send-AlpharunRecording -TimeZone Singapore");

            Assert.Equal(new[] { "Asia/Singapore", "'Singapore Standard Time'" }, results.Select(r => r.CompletionText));
            Assert.Equal(new[] { "Asia/Singapore", "Singapore Standard Time" }, results.Select(r => r.ListItemText));
            Assert.Equal(new[] { "Asia/Singapore", "Singapore Standard Time" }, results.Select(r => r.ToolTip));
        }

        [Theory]
        [InlineData("Eastern")]
        [InlineData("'Eastern S")]
        [InlineData("eastern")]
        public void AWindowsIdCompletesQuotedWhateverQuoteWasTyped(string typed)
        {
            Assert.Equal(new[] { "'Eastern Standard Time'", "'Eastern Standard Time (Mexico)'" }, Texts("Send-AlpharunRecording -TimeZone " + typed));
        }

        [Theory]
        [InlineData("Loc", "Local")]
        [InlineData("kolk", "Asia/Kolkata")]
        public void IdsWithAndWithoutARegionComplete(string typed, string id)
        {
            Assert.Equal(new[] { id }, Texts("Send-AlpharunRecording -TimeZone " + typed));
        }

        [Fact]
        public void ATimeZoneNoIdStartsWithCompletesToNothing()
        {
            Assert.Empty(Texts("Send-AlpharunRecording -TimeZone Zzzz"));
        }

        private void CreateFolderOfMixedFiles()
        {
            foreach (string name in new[] { "a.wav", "B.MP3", "call [1].wav", "call[2].flac", "notes.txt", "noext", "dot.", "c.wav.bak" })
            {
                _files.Create(name);
            }
            Directory.CreateDirectory(Path.Combine(_files.Folder, "day [1]"));
            Directory.CreateDirectory(Path.Combine(_files.Folder, "sub"));
        }

        [Theory]
        [InlineData("Send-AlpharunRecording -Path ./")]
        [InlineData("Send-AlpharunRecording ./")]
        public void PathCompletesFoldersAndAudioFilesWithWildcardCharactersEscaped(string line)
        {
            CreateFolderOfMixedFiles();

            CompletionResult[] results = Complete(line);

            Assert.Equal(new[] { "./a.wav", "./B.MP3", "'./call `[1`].wav'", "'./call`[2`].flac'", "'./day `[1`]'", "./sub" }, results.Select(r => r.CompletionText));
            Assert.Equal(new[] { "a.wav", "B.MP3", "call [1].wav", "call[2].flac", "day [1]", "sub" }, results.Select(r => r.ListItemText));
        }

        [Fact]
        public void LiteralPathCompletesFoldersAndAudioFilesAsWritten()
        {
            CreateFolderOfMixedFiles();

            CompletionResult[] results = Complete("Send-AlpharunRecording -LiteralPath ./");

            Assert.Equal(new[] { "./a.wav", "./B.MP3", "'./call [1].wav'", "./call[2].flac", "'./day [1]'", "./sub" }, results.Select(r => r.CompletionText));
            Assert.Equal(
                new[] { CompletionResultType.ProviderItem, CompletionResultType.ProviderItem, CompletionResultType.ProviderItem, CompletionResultType.ProviderItem, CompletionResultType.ProviderContainer, CompletionResultType.ProviderContainer },
                results.Select(r => r.ResultType));
        }

        [Fact]
        public void APathCompletesWhatStartsWithTheTypedName()
        {
            CreateFolderOfMixedFiles();

            Assert.Equal(new[] { "'./call `[1`].wav'", "'./call`[2`].flac'" }, Texts("Send-AlpharunRecording -Path ./c"));
            Assert.Equal(new[] { "'./call [1].wav'", "./call[2].flac" }, Texts("Send-AlpharunRecording -LiteralPath ./c"));
            Assert.Empty(Texts("Send-AlpharunRecording -LiteralPath ./n"));
        }
    }
}
