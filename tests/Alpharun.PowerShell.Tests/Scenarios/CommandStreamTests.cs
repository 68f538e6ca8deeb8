using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// What Send-AlpharunRecording writes besides its output, and when: the -Debug request line (only when debug is
    /// shown, decided by -Debug before $DebugPreference), progress under -ProgressAction, the verbose lines for a file
    /// listed twice and for the run's summary, and the warning for a recorder that stopped.
    /// </summary>
    public sealed class CommandStreamTests : IDisposable
    {
        private const string Send = "Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z'";

        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        [Fact]
        public void DebugGivenAsAParameterWritesOneRequestLineWithTheFileSizeWhateverDebugPreferenceSays()
        {
            string file = _sandbox.Files.Create("call.wav", 5000, seed: 1);

            PwshResult result = _sandbox.Run("$DebugPreference = 'SilentlyContinue'; " + Send + " -LiteralPath $args[0] -Debug", file).ThrowIfFailed();

            string line = Assert.Single(result.Debug);
            Assert.StartsWith("POST ", line);
            Assert.Matches(new Regex(@" \| parts: audio \(call\.wav, audio/[a-z-]+, 5000 bytes\), teammate_email \(12 bytes\), recorded_at \(2024-01-15T14:30:00\+00:00\), contacts \(1 contact\(s\), \d+ bytes of JSON\)$"), line);
            Assert.Single(result.Output);
        }

        [Fact]
        public void DebugSilencedAsAParameterWritesNoRequestLineWhenDebugPreferenceWouldShowIt()
        {
            string file = _sandbox.Files.Create("call.wav", 5000, seed: 1);

            PwshResult result = _sandbox.Run("$DebugPreference = 'Continue'; " + Send + " -LiteralPath $args[0] -Debug:$false", file).ThrowIfFailed();

            Assert.Empty(result.Debug);
            Assert.Single(result.Output);
        }

        [Fact]
        public void ProgressActionContinueShowsProgressWhenProgressPreferenceWouldHideIt()
        {
            string[] files = { _sandbox.Files.Create("call-1.wav", 5000, seed: 1), _sandbox.Files.Create("call-2.wav", 5000, seed: 2) };

            // Two files given as arguments: the batch bar is written at the first file and completed at the end.
            PwshResult result = _sandbox.Run("$ProgressPreference = 'SilentlyContinue'; " + Send + " -LiteralPath $args -ProgressAction Continue", files[0], files[1]).ThrowIfFailed();

            Assert.Equal(2, result.Output.Count);
            Assert.Contains(result.Progress, p => p.Activity == "Uploading recordings to Alpharun" && p.RecordType == System.Management.Automation.ProgressRecordType.Completed);
        }

        [Fact]
        public void ProgressActionSilentlyContinueWritesNoProgress()
        {
            string[] files = { _sandbox.Files.Create("call-1.wav", 5000, seed: 1), _sandbox.Files.Create("call-2.wav", 5000, seed: 2) };

            PwshResult result = _sandbox.Run("$ProgressPreference = 'Continue'; " + Send + " -LiteralPath $args -ProgressAction SilentlyContinue", files[0], files[1]).ThrowIfFailed();

            Assert.Empty(result.Progress);
            Assert.Equal(2, result.Output.Count);
        }

        [Fact]
        public void AFileListedTwiceWithTheSameFieldsIsSentOnceAndTheVerboseStreamSaysSo()
        {
            string file = _sandbox.Files.Create("call.wav", 5000, seed: 1);

            PwshResult result = _sandbox.Run(Send + " -LiteralPath $args[0], $args[0] -Verbose", file).ThrowIfFailed();

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(1, _sandbox.UploadRequestCount);
            Assert.Single(result.Verbose, $"'{file}' is listed more than once with the same fields: it is sent once, and reported again as that upload's recording.");
        }

        [Fact]
        public void AWavWhoseRecorderStoppedADayAgoIsSentWithOneWarningThatSaysSo()
        {
            // A streamed WAV's header keeps its placeholder sizes until its writer finishes it; this one never was.
            string sample = Path.Combine(PwshSession.RepoRoot, "tests", "Alpharun.Client.Tests", "Audio", "Samples", "streamed.wav");
            string file = Path.Combine(_sandbox.Files.Folder, "stopped.wav");
            File.WriteAllBytes(file, File.ReadAllBytes(sample).Take(44 + 4000).ToArray());
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-1));

            PwshResult result = _sandbox.Run(Send + " -LiteralPath $args[0]", file).ThrowIfFailed();

            Assert.Equal("Created", result.Output.Single().Properties["Status"].Value.ToString());
            Assert.Equal(new[]
            {
                $"'{file}' was never finished: its WAV header still holds placeholder sizes; but it was last written 1 d ago, " +
                "more than the 6 h a recording in progress goes without a write, so the program that wrote it has probably stopped. It is sent as it is: 0.25 s of audio.",
            }, result.Warnings);
        }

        [Fact]
        public void AFinishedFileOfTheSameKindIsSentWithoutAWarning()
        {
            string file = _sandbox.Files.Create("call.wav", 5000, seed: 1);
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-1));

            PwshResult result = _sandbox.Run(Send + " -LiteralPath $args[0]", file).ThrowIfFailed();

            Assert.Single(result.Output);
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void ARunThatEndsWithItsInputLeavesASummaryThatWasNotStoppedAndSaysSoInItsLastVerboseLine()
        {
            string[] files = { _sandbox.Files.Create("call-1.wav", 5000, seed: 1), _sandbox.Files.Create("call-2.wav", 3000, seed: 2) };

            PwshResult result = _sandbox.Run("$args | " + Send + " -SummaryVariable run -Verbose", files[0], files[1]).ThrowIfFailed();
            PwshResult summary = _sandbox.Run("$run.StoppedBy -eq $null; $run.ExitCode; $run.Created; $run.ToString()").ThrowIfFailed();

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(true, summary.Output[0].BaseObject);
            Assert.Equal(0, summary.Output[1].BaseObject);
            Assert.Equal(2, summary.Output[2].BaseObject);
            string text = (string)summary.Output[3].BaseObject;
            Assert.Matches(new Regex(@"^2 files: 2 created, 0 already existed, 0 skipped, 0 in progress, 0 failed; 7\.8 KiB accepted in \d+\.\d s; exit code 0\.$"), text);
            Assert.Equal(text, result.Verbose.Last());
            Assert.Single(result.Verbose, v => v.StartsWith("2 files: ", StringComparison.Ordinal));
        }

        [Fact]
        public void ARunEndedByATerminatingErrorStillWritesItsSummaryLineNamingTheError()
        {
            string file = _sandbox.Files.Create("call.wav", 5000, seed: 1);

            PwshResult result = _sandbox.Run(
                "Send-AlpharunRecording -LiteralPath $args[0] -Teammate not-an-address -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -SummaryVariable run -Verbose", file);

            string id = result.SingleError().FullyQualifiedErrorId.Split(',')[0];
            Assert.Equal(new[] { $"0 files: 0 created, 0 already existed, 0 skipped, 0 in progress, 0 failed; 0 B accepted in 0.0 s; stopped early by {id}; exit code 2." },
                result.Verbose.Select(v => Regex.Replace(v, @"in \d+\.\d s", "in 0.0 s")));
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }
    }
}
