using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// Every upload the API accepted is journaled when its answer arrives and reported however the command ends:
    /// a slow first answer, Stop(), a rejected key mid-batch.
    /// </summary>
    public class AccountedBatchTests : IDisposable
    {
        private const string Cmdlet = ",Alpharun.Commands.SendAlpharunRecordingCommand";

        // The first file is sent alone, and the rest only once the sandbox has counted its request, so a fault queued
        // for "the first upload" is the first file's whatever the throttle limit.
        private const string FirstFileFirst = @"
            $journal = $args[0]; $files = @($args[1..($args.Count - 1)]); $server = Get-TestSandboxServer
            & { $files[0]; Wait-TestCondition { $server.UploadRequestCount -ge 1 } 'the sandbox counted the first upload'; $files[1..($files.Count - 1)] } |
                Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 4 -Journal $journal";

        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        private string[] CreateFiles(int count) =>
            Enumerable.Range(1, count).Select(i => _sandbox.Files.Create($"call-{i:00}.wav", 32 * 1024, seed: i)).ToArray();

        private string JournalPath => Path.Combine(_sandbox.Files.Folder, "run.journal");

        // The writer holds the file open; a reader shares it as any log reader would.
        private string[] JournaledPaths()
        {
            if (!File.Exists(JournalPath)) return Array.Empty<string>();
            using var stream = new FileStream(JournalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("path").GetString()!)
                .ToArray();
        }

        private static string[] RecordedNames(PSObject server) =>
            ((IEnumerable<object>)server.Methods["GetRecordings"].Invoke()).Select(r => (string)PSObject.AsPSObject(r).Properties["FileName"].Value).ToArray();

        private System.Management.Automation.PowerShell StartBatch(string[] files, out IAsyncResult running)
        {
            var ps = _sandbox.Session.CreatePipeline();
            ps.AddScript(FirstFileFirst).AddArgument(JournalPath);
            foreach (string file in files) ps.AddArgument(file);
            running = ps.BeginInvoke();
            return ps;
        }

        [Fact]
        public void LaterFilesAreJournaledWhileTheFirstFilesAnswerIsStillPending()
        {
            string[] files = CreateFiles(5);
            PSObject server = _sandbox.Server();
            _sandbox.Session.Run("Add-AlpharunSandboxFault -Stall '00:01:00'").ThrowIfFailed();

            using var ps = StartBatch(files, out IAsyncResult running);
            Poll.Until(() => JournaledPaths().Length >= files.Length - 1 || running.IsCompleted, "the four later files are journaled");

            Assert.Equal(PSInvocationState.Running, ps.InvocationStateInfo.State);
            Assert.Equal(files.Skip(1).OrderBy(f => f), JournaledPaths().OrderBy(f => f));
            Assert.Contains("call-01.wav", RecordedNames(server));
            ps.Stop();
        }

        [Fact]
        public void StopLeavesEveryAnsweredUploadInTheJournal()
        {
            string[] files = CreateFiles(5);
            PSObject server = _sandbox.Server();
            _sandbox.Session.Run("Add-AlpharunSandboxFault -Stall '00:01:00'").ThrowIfFailed();

            using var ps = StartBatch(files, out IAsyncResult running);
            Poll.Until(() => RecordedNames(server).Length == files.Length || running.IsCompleted, "the sandbox has accepted all five");
            // An answer the sandbox sent but the client has not read yet cannot be journaled by anyone (README: under
            // Ctrl+C the rerun gets AlreadyExisted): Stop comes once the client has read the four it can read.
            Poll.Until(() => JournaledPaths().Length == files.Length - 1 || running.IsCompleted, "the client has read the four answers the sandbox sent");
            ps.Stop();

            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            // The sandbox accepted all five but still holds back the first file's answer: the client cannot know of it.
            string[] answered = RecordedNames(server).Where(n => n != "call-01.wav").Select(n => Path.Combine(_sandbox.Files.Folder, n)).ToArray();
            Assert.Equal(4, answered.Length);
            Assert.Equal(answered.OrderBy(f => f), JournaledPaths().OrderBy(f => f));
        }
    
        [Fact]
        public void A401MidBatchStopsWithOneErrorAfterOutputtingAndJournalingEveryAcceptedUpload()
        {
            // The slow file holds the head of the output queue; the 401 comes for the second; the rest may be accepted
            // behind it before the batch stops. Whatever the sandbox accepted must come out, and nothing else.
            string[] files = CreateFiles(5);
            PSObject server = _sandbox.Server();
            _sandbox.Session.Run("Add-AlpharunSandboxFault -Stall '00:00:01.5'; Add-AlpharunSandboxFault -StatusCode 401").ThrowIfFailed();

            PwshResult result = _sandbox.Session.Run(@"
                $journal = $args[0]; $files = @($args[1..($args.Count - 1)]); $server = Get-TestSandboxServer
                & {
                    $files[0]; Wait-TestCondition { $server.UploadRequestCount -ge 1 } 'the sandbox counted the first upload'
                    $files[1]; Wait-TestCondition { $server.UploadRequestCount -ge 2 } 'the sandbox counted the second upload'
                    $files[2..4]
                } | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 5 -Journal $journal", new object[] { JournalPath }.Concat(files).ToArray());

            string[] accepted = RecordedNames(server).Select(n => Path.Combine(_sandbox.Files.Folder, n)).ToArray();
            Assert.Contains(files[0], accepted);
            Assert.DoesNotContain(files[1], accepted);
            Assert.Equal(files.Where(accepted.Contains), result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(accepted.OrderBy(f => f), JournaledPaths().OrderBy(f => f));
            // A statement-terminating error: the one error of the run.
            ErrorRecord terminating = Assert.Single(result.Errors);
            Assert.Equal("ApiKeyRejected" + Cmdlet, terminating.FullyQualifiedErrorId);
            Assert.Equal(files[1], terminating.TargetObject);
            string count = accepted.Length == 1 ? "1 upload" : $"{accepted.Length} uploads";
            Assert.Contains($"The batch stopped; {count} the API accepted before that", terminating.Exception.Message);
            Assert.Contains("with the same -Journal skips them and sends the rest: a rerun is safe.", terminating.Exception.Message);
        }
    
        [Fact]
        public void A401AfterJournalSkipsCountsOnlyWhatTheApiAcceptedInThisRun()
        {
            // The journal's skips are output but were not accepted by this run: the stop's count leaves them out.
            string[] files = CreateFiles(4);
            PwshResult result = _sandbox.Session.Run(@"
                $journal = $args[0]; $files = @($args[1..($args.Count - 1)])
                $null = $files[0..1] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -Journal $journal -ErrorAction Stop
                Add-AlpharunSandboxFault -StatusCode 401
                $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -Journal $journal", new object[] { JournalPath }.Concat(files).ToArray());

            Assert.Equal(new[] { "Skipped", "Skipped" }, result.Output.Select(o => o.Properties["Status"].Value.ToString()));
            ErrorRecord terminating = Assert.Single(result.Errors);
            Assert.Equal("ApiKeyRejected" + Cmdlet, terminating.FullyQualifiedErrorId);
            Assert.Equal(files[2], terminating.TargetObject);
            Assert.EndsWith(" The batch stopped; 0 uploads the API accepted before that were output and journaled. Running the same command again with the same -Journal skips them and sends the rest: a rerun is safe.", terminating.Exception.Message);
            Assert.Equal(files[..2].OrderBy(f => f), JournaledPaths().OrderBy(f => f));
        }

        [Fact]
        public void ARunOfConnectionFailuresStopsTheBatchWithOneErrorInsteadOfTryingEveryFileFourTimes()
        {
            string[] files = CreateFiles(5);
            _sandbox.Session.Run("Add-AlpharunSandboxFault -DropConnection -Count 100").ThrowIfFailed();

            PwshResult result = _sandbox.Session.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1", files.Cast<object>().ToArray());

            // The first file fails alone after its 4 attempts; the second's second attempt is the 6th in a row: the batch stops.
            Assert.Equal(2, result.Errors.Count);
            Assert.Equal(new[] { files[0], files[1] }, result.Errors.Select(e => e.TargetObject));
            ErrorRecord error = result.Errors[1];
            Assert.Equal("ConnectionFailed" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Equal(files[1], error.TargetObject);
            Assert.StartsWith("6 attempts in a row failed without an answer from the API, the last for '" + files[1] + "'", error.Exception.Message);
            Assert.EndsWith("The batch stopped; 0 uploads the API accepted before that were output. Running the same command again is safe: the API answers 200 (AlreadyExisted) with the same id for a recording it has; pass -Journal to skip them instead.", error.Exception.Message);
            Assert.Equal(6, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void ARetryAfterLongerThanMaxRateLimitWaitSecStopsTheBatchWithRateLimited()
        {
            string[] files = CreateFiles(3);
            _sandbox.Session.Run("Add-AlpharunSandboxFault -StatusCode 503 -RetryAfter 600").ThrowIfFailed();

            PwshResult result = _sandbox.Session.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -MaxRateLimitWaitSec 60", files.Cast<object>().ToArray());

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("RateLimited" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
            Assert.Contains($"asked the batch to wait 10 min (HTTP 503 with Retry-After) at '{files[0]}', longer than the 60 s allowed (-MaxRateLimitWaitSec). Run it again after ", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(1, _sandbox.UploadRequestCount);
        }
    }
}
