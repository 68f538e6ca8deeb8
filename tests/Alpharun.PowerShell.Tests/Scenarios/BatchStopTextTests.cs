using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// The sentence a batch-stopping error ends with (README "Batches"): how many uploads the API accepted before the
    /// stop, "was" for one and "were" for more, and why a rerun is safe, with and without -Journal. One file at a
    /// time (-ThrottleLimit 1), so the files before the rejected one are exactly those accepted.
    /// </summary>
    public sealed class BatchStopTextTests : IDisposable
    {
        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        private string JournalPath => Path.Combine(_sandbox.Files.Folder, "run.journal");

        private string[] CreateFiles(int count) =>
            Enumerable.Range(1, count).Select(i => _sandbox.Files.Create($"call-{i:00}.wav", 8 * 1024, seed: i)).ToArray();

        /// <summary>Sends <paramref name="files"/> one at a time; the sandbox rejects the key for the file after the first <paramref name="accepted"/>.</summary>
        private PwshResult SendWithKeyRejectedAfter(int accepted, string[] files, bool journal)
        {
            _sandbox.Run("Add-AlpharunSandboxFault -StatusCode 401 -FileName $args[0]", Path.GetFileName(files[accepted])).ThrowIfFailed();
            string journalParameter = journal ? " -Journal $journal" : string.Empty;
            return _sandbox.Run(
                "$journal = $args[0]; $args[1..($args.Count - 1)] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1" + journalParameter,
                new object[] { JournalPath }.Concat(files).ToArray());
        }

        private static string KeyRejected(string file) =>
            $"The Alpharun API rejected the API key (HTTP 401) while uploading '{file}'. The API said: The sandbox answers 401 because a fault was queued with AddFault. "
            + "The upload was not recorded; send it again. Check the key, then run Connect-Alpharun -ApiKey (Read-Host -AsSecureString) or set $env:ALPHARUN_API_KEY.";

        [Theory]
        [InlineData(1, "1 upload the API accepted before that was output")]
        [InlineData(2, "2 uploads the API accepted before that were output")]
        public void ARejectedKeyWithoutAJournalEndsTheBatchSayingHowManyWereOutputAndThatARerunIsSafe(int accepted, string counted)
        {
            string[] files = CreateFiles(accepted + 2);

            PwshResult result = SendWithKeyRejectedAfter(accepted, files, journal: false);

            Assert.Equal(files.Take(accepted), result.Output.Select(o => (string)o.Properties["Path"].Value));
            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("ApiKeyRejected" + SandboxedSession.Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(files[accepted], error.TargetObject);
            Assert.Equal(
                KeyRejected(files[accepted]) + $" The batch stopped; {counted}. Running the same command again is safe: the API answers 200 (AlreadyExisted) with the same id for a recording it has; pass -Journal to skip them instead.",
                error.Exception.Message);
            Assert.Equal(accepted + 1, _sandbox.UploadRequestCount);
        }

        [Theory]
        [InlineData(1, "1 upload the API accepted before that was output and journaled")]
        [InlineData(2, "2 uploads the API accepted before that were output and journaled")]
        public void ARejectedKeyWithAJournalEndsTheBatchSayingTheSameJournalSkipsWhatWasAccepted(int accepted, string counted)
        {
            string[] files = CreateFiles(accepted + 2);

            PwshResult result = SendWithKeyRejectedAfter(accepted, files, journal: true);

            Assert.Equal(files.Take(accepted), result.Output.Select(o => (string)o.Properties["Path"].Value));
            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("ApiKeyRejected" + SandboxedSession.Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(files[accepted], error.TargetObject);
            Assert.Equal(
                KeyRejected(files[accepted]) + $" The batch stopped; {counted}. Running the same command again with the same -Journal skips them and sends the rest: a rerun is safe.",
                error.Exception.Message);
            Assert.Equal(accepted, File.ReadAllLines(JournalPath).Count(line => line.Length > 0));
        }
    }
}
