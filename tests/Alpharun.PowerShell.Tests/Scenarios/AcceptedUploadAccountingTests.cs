using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// What the command records for an upload the API accepted, beside its output: a -Verbose line with its status,
    /// HTTP code, recording id, time and attempts, and its teammate in the session's history (offered by -Teammate's
    /// tab completion); a file the API refused leaves neither.
    /// </summary>
    public sealed class AcceptedUploadAccountingTests : IDisposable
    {
        private const string Send = "Send-AlpharunRecording -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -MaxRetries 0";
        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        private string[] CompleteTeammate() =>
            _sandbox.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", "Send-AlpharunRecording -Teammate ")
                .ThrowIfFailed().Output.Where(o => o != null).Select(o => o.ToString()).ToArray();

        [Fact]
        public void VerboseReportsEachAcceptedUploadWithItsStatusHttpCodeIdTimeAndAttempts()
        {
            string file = _sandbox.Files.Create("call.wav");

            PwshResult created = _sandbox.Run(Send + " -Teammate ana@acme.com -LiteralPath $args[0] -Verbose", file).ThrowIfFailed();
            PwshResult again = _sandbox.Run(Send + " -Teammate ana@acme.com -LiteralPath $args[0] -Verbose", file).ThrowIfFailed();

            Guid id = created.Property<Guid>(0, "RecordingId");
            Assert.Equal(id, again.Property<Guid>(0, "RecordingId"));
            string escaped = Regex.Escape($"'{file}': ");
            // The time is written in the current culture.
            Assert.Single(created.Verbose, line => Regex.IsMatch(line, $@"^{escaped}Created \(HTTP 201\) as recording {id} in \d+[.,]\d\d s, 1 attempt\(s\)\.$"));
            Assert.Single(again.Verbose, line => Regex.IsMatch(line, $@"^{escaped}AlreadyExisted \(HTTP 200\) as recording {id} in \d+[.,]\d\d s, 1 attempt\(s\)\.$"));
        }

        [Fact]
        public void OnlyAnAcceptedUploadsTeammateIsOfferedByTabCompletion()
        {
            string refused = _sandbox.Files.Create("refused.wav", seed: 1);
            string accepted = _sandbox.Files.Create("accepted.wav", seed: 2);
            _sandbox.Run("Add-AlpharunSandboxFault -StatusCode 422 -FileName refused.wav").ThrowIfFailed();

            PwshResult failed = _sandbox.Run(Send + " -Teammate li@acme.com -LiteralPath $args[0]", refused);
            Assert.Equal("RequestRejected" + SandboxedSession.Cmdlet, Assert.Single(failed.Errors).FullyQualifiedErrorId);
            Assert.Empty(CompleteTeammate());

            _sandbox.Run(Send + " -Teammate ana@acme.com -LiteralPath $args[0]", accepted).ThrowIfFailed();
            Assert.Equal(new[] { "ana@acme.com" }, CompleteTeammate());
        }
    }
}
