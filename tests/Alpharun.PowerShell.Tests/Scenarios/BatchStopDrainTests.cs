using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// What a batch writes between the error that stops it and the end (README "Batches"): the files queued behind the
    /// stopping one are drained: each upload the API accepted and each journal skip is output in input order, each
    /// drained upload's bar is completed before its output and the batch bar last, and a per-file error queued
    /// behind the stop is not written (the one terminating error is the run's only error). With -ErrorAction Stop,
    /// a per-file error stops the command the same way: uploads in flight end and are output, and the summary says
    /// what stopped it. A loopback API scripted per file name holds answers until the test releases them: no sleeps.
    /// </summary>
    public sealed class BatchStopDrainTests : IDisposable
    {
        private const string Cmdlet = ",Alpharun.Commands.SendAlpharunRecordingCommand";
        private const string BatchActivity = "Uploading recordings to Alpharun";
        private const string Key = "(ConvertTo-SecureString 'sk_drain_tests' -AsPlainText -Force)";
        private const string Send = "Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -MaxRetries 0 -ApiKey " + Key;

        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();
        private readonly ScriptedApi _api = new ScriptedApi();

        public BatchStopDrainTests() => _session.Run(Poll.DefineWaitFunction).ThrowIfFailed();

        public void Dispose()
        {
            _api.Dispose();
            _session.Dispose();
            _files.Dispose();
        }

        private string Create(string name, int seed) => _files.Create(name, 16 * 1024, seed: seed);

        private static bool Shows(ProgressRecord record, string fileName) =>
            record.Activity == "Sending " + fileName && record.RecordType == ProgressRecordType.Processing;

        [Fact]
        public void AStoppedBatchCompletesTheBarOfADrainedUploadBeforeItsOutputAndCompletesTheBatchBarLast()
        {
            // call-01 gets the 401 and stops the batch; call-02, queued behind it, is drained. Both are answered only
            // once their bars are shown, so each has a bar the drain must complete.
            string[] files = { Create("call-01.wav", 1), Create("call-02.wav", 2) };
            _api.Answer("call-01.wav", 401, ScriptedApi.InvalidKeyBody).Hold("call-01.wav").Hold("call-02.wav");
            using var shown = new CountdownEvent(2);
            var seen = new HashSet<string>();
            using var run = new OrderedRun(_session, "$uri = $args[0]; " + Send + " -LiteralPath $args[1..2] -BaseUri $uri -ThrottleLimit 4", _api.BaseUri, files[0], files[1]);
            run.ProgressAdded = record =>
            {
                foreach (string name in new[] { "call-01.wav", "call-02.wav" })
                {
                    if (Shows(record, name) && seen.Add(name)) shown.Signal();
                }
            };

            run.Start();
            Assert.True(shown.Wait(TimeSpan.FromSeconds(30)), "both uploads' bars were shown");
            _api.Release("call-01.wav");
            _api.Release("call-02.wav");
            IReadOnlyList<ErrorRecord> errors = run.End();

            ErrorRecord error = Assert.Single(errors);
            Assert.Equal("ApiKeyRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.EndsWith(" The batch stopped; 1 upload the API accepted before that was output. Running the same command again is safe: the API answers 200 (AlreadyExisted) with the same id for a recording it has; pass -Journal to skip them instead.", error.Exception.Message);
            Assert.Equal(new[] { "call-02.wav" }, run.Output.Select(o => (string)o.Properties["FileName"].Value));
            IReadOnlyList<string> log = run.Log;
            int barDone = IndexOf(log, "progress Completed Sending call-02.wav");
            int output = IndexOf(log, "output call-02.wav");
            Assert.True(barDone < output, "call-02's bar was completed after its output: " + string.Join(" | ", log));
            ProgressRecord last = run.Progress.Last(p => p.Activity == BatchActivity);
            Assert.Equal(ProgressRecordType.Completed, last.RecordType);
            // Progress sizes are written in the current culture.
            Assert.Equal($"2 of 2 files (1 done, 1 failed), {16.0.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture)} KiB sent", last.StatusDescription);
        }

        private static int IndexOf(IReadOnlyList<string> log, string entry)
        {
            int index = log.ToList().IndexOf(entry);
            Assert.True(index >= 0, $"'{entry}' was never written: " + string.Join(" | ", log));
            return index;
        }

        [Fact]
        public void AStopOutputsTheJournalSkipsAndAcceptedUploadsQueuedBehindTheRejectedFileAndWritesNoErrorOfTheirs()
        {
            string journal = Path.Combine(_files.Folder, "run.journal");
            string rejected = Create("call-01.wav", 1), skipped = Create("call-02.wav", 2), accepted = Create("call-03.wav", 3);
            string missing = Path.Combine(_files.Folder, "missing.wav");
            // A first run journals call-02, so the second one skips it.
            _session.Run("$uri = $args[0]; $null = " + Send + " -LiteralPath $args[1] -BaseUri $uri -Journal $args[2] -ErrorAction Stop", _api.BaseUri, skipped, journal).ThrowIfFailed();
            _api.Answer("call-01.wav", 401, ScriptedApi.InvalidKeyBody).Hold("call-01.wav");
            Func<bool> acceptedAnswered = () => _api.Answered.Contains("call-03.wav");
            Action release = () => _api.Release("call-01.wav");

            // Queued in this order behind the held call-01: a journal skip, a missing file, an upload answered 201.
            // Only then does call-01 get its 401.
            PwshResult result = _session.Run(@"
                $uri, $journal, $rejected, $skipped, $missing, $accepted, $answered, $release = $args
                & { $rejected; $skipped; $missing; $accepted; Wait-TestCondition { $answered.Invoke() } 'call-03 was answered'; $release.Invoke() } |
                    " + Send + " -BaseUri $uri -Journal $journal -ThrottleLimit 4",
                _api.BaseUri, journal, rejected, skipped, missing, accepted, acceptedAnswered, release);

            Assert.Equal(new[] { ("call-02.wav", "Skipped"), ("call-03.wav", "Created") },
                result.Output.Select(o => ((string)o.Properties["FileName"].Value, o.Properties["Status"].Value.ToString()!)));
            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("ApiKeyRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(rejected, error.TargetObject);
            Assert.EndsWith(" The batch stopped; 1 upload the API accepted before that was output and journaled. Running the same command again with the same -Journal skips them and sends the rest: a rerun is safe.", error.Exception.Message);
            // The first run's call-02, then the two this run sent (in either order); the missing file and the skip send nothing.
            Assert.Equal("call-02.wav", _api.Arrived[0]);
            Assert.Equal(new[] { "call-01.wav", "call-03.wav" }, _api.Arrived.Skip(1).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void WithErrorActionStopAFileErrorOutputsTheUploadsInFlightAndTheSummarySaysWhatStoppedIt()
        {
            // call-01 is rejected (422) only once call-02 has reached the API, so call-02 is in flight when the
            // error stops the command.
            string[] files = { Create("call-01.wav", 1), Create("call-02.wav", 2), Create("call-03.wav", 3) };
            _api.Answer("call-01.wav", 422, "{\"message\":\"The contact is not valid.\"}").Hold("call-01.wav").Hold("call-02.wav");
            using var run = new OrderedRun(_session,
                "$uri = $args[0]; " + Send + " -LiteralPath $args[1..3] -BaseUri $uri -ThrottleLimit 2 -ErrorAction Stop -SummaryVariable run -Verbose",
                _api.BaseUri, files[0], files[1], files[2]);

            run.Start();
            Poll.Until(() => _api.Arrived.Contains("call-02.wav"), "call-02 reached the API");
            _api.Release("call-01.wav");
            Poll.Until(() => _api.Answered.Contains("call-01.wav"), "call-01 was answered");
            _api.Release("call-02.wav");
            IReadOnlyList<ErrorRecord> errors = run.End();

            ErrorRecord error = Assert.Single(errors);
            Assert.Equal("RequestRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(files[0], error.TargetObject);
            Assert.Equal(new[] { "call-02.wav" }, run.Output.Select(o => (string)o.Properties["FileName"].Value));
            Assert.DoesNotContain("call-03.wav", _api.Arrived);
            PwshResult summary = _session.Run("$run.StoppedBy; $run.Created; $run.Failed; $run.ExitCode").ThrowIfFailed();
            Assert.Equal(new object[] { "RequestRejected", 1, 1, 2 }, summary.Output.Select(o => o.BaseObject));
            string line = Assert.Single(run.Pipeline.Streams.Verbose.Select(v => v.Message), m => m.StartsWith("2 files: ", StringComparison.Ordinal));
            Assert.Matches(new Regex(@"^2 files: 1 created, 0 already existed, 0 skipped, 0 in progress, 1 failed; 16\.0 KiB accepted in \d+\.\d s; stopped early by RequestRejected; exit code 2\.$"), line);
        }

        [Fact]
        public void AFileErrorThatEndedWhileTheNextFileWasReadIsWrittenBeforeThatFileIsSent()
        {
            // At -ThrottleLimit 1, call-01 is rejected (422) and the producer gives call-02 only once the client has read
            // that answer to its end (it closes the connection then, just before the upload ends), so call-02 usually
            // finds the slot free and the failure ended. The failure must be written, and stop the command, before
            // call-02 is sent. (Were call-01 still ending, the slot would not be free: the command would wait for it
            // and then write the failure, so the test cannot fail on a correct command.)
            string[] files = { Create("call-01.wav", 1), Create("call-02.wav", 2) };
            _api.Answer("call-01.wav", 422, "{\"message\":\"The contact is not valid.\"}");
            Func<bool> rejectionRead = () => _api.ClosedAfterAnswer.Contains("call-01.wav");
            PwshResult result = _session.Run(
                "$uri = $args[0]; $rejectionRead = $args[3]; " +
                "& { $args[0]; $deadline = [DateTime]::UtcNow.AddSeconds(20); " +
                // A poll with a deadline; 10 ms is its interval.
                "    while (-not $rejectionRead.Invoke() -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 10 }; " +
                "    $args[1] } $args[1] $args[2] | " + Send + " -BaseUri $uri -ThrottleLimit 1 -ErrorAction Stop",
                _api.BaseUri, files[0], files[1], rejectionRead);

            Assert.True(rejectionRead(), "the client never read call-01's answer to its end");
            Assert.NotNull(result.Terminating);
            ErrorRecord error = result.SingleError();
            Assert.Equal("RequestRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(files[0], error.TargetObject);
            Assert.Equal(new[] { "call-01.wav" }, _api.Arrived);
            Assert.Empty(result.Output);
        }
    }
}
