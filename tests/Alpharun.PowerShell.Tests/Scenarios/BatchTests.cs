using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>Batches under faults, cancellation and resume, end to end through the engine and the sandbox.</summary>
    public class BatchTests : IDisposable
    {
        private const string Cmdlet = ",Alpharun.Commands.SendAlpharunRecordingCommand";
        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();

        public BatchTests()
        {
            _session.Run("Start-AlpharunSandbox | Out-Null").ThrowIfFailed();
        }

        public void Dispose()
        {
            _session.Dispose();
            _files.Dispose();
        }

        private string[] CreateFiles(int count, int length = 64 * 1024) =>
            Enumerable.Range(1, count).Select(i => _files.Create($"call-{i:00}.wav", length, seed: i)).ToArray();

        private PSObject[] Received() => _session.Run("Get-AlpharunSandboxRecording").ThrowIfFailed().Output.ToArray();

        [Fact]
        public void BatchUnderRateLimitsOutagesDropsAndStallsAcceptsEveryFileOnce()
        {
            string[] files = CreateFiles(8);
            _session.Run(@"
                Add-AlpharunSandboxFault -StatusCode 429 -RetryAfter 0 -Count 2
                Add-AlpharunSandboxFault -StatusCode 503 -Count 1
                Add-AlpharunSandboxFault -DropConnection -AfterBytes 1000
                Add-AlpharunSandboxFault -Stall '00:00:03'
                Add-AlpharunSandboxFault -StatusCode 502").ThrowIfFailed();

            PwshResult result = _session.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 3 -TimeoutSec 1 -Verbose", files.Cast<object>().ToArray());

            Assert.Empty(result.Errors);
            Assert.Equal(files, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.All(result.Output, o => Assert.Contains(o.Properties["Status"].Value.ToString(), new[] { "Created", "AlreadyExisted" }));
            Assert.True(result.Output.Sum(o => (int)o.Properties["Attempts"].Value) >= files.Length + 6, "every fault cost one attempt");
            Assert.True(result.Verbose.Count(v => v.Contains("retrying in")) >= 6);

            PSObject[] created = Received().Where(r => r.Properties["Status"].Value.ToString() == "Created").ToArray();
            Assert.Equal(files.Length, created.Length);
            Assert.Equal(files.Length, created.Select(r => (string)r.Properties["FileName"].Value).Distinct().Count());
            Assert.Equal(
                result.Output.Select(o => (Guid)o.Properties["RecordingId"].Value).OrderBy(g => g),
                created.Select(r => (Guid)r.Properties["RecordingId"].Value).OrderBy(g => g));
        }

        [Fact]
        public void WithoutRetriesExactlyTheFailedFilesAreReported()
        {
            string[] files = CreateFiles(5);
            _session.Run("Add-AlpharunSandboxFault -StatusCode 503 -Count 2").ThrowIfFailed();

            PwshResult result = _session.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -MaxRetries 0", files.Cast<object>().ToArray());

            Assert.Equal(new[] { files[0], files[1] }, result.Errors.Select(e => (string)e.TargetObject));
            Assert.All(result.Errors, e => Assert.Equal("ServerError" + Cmdlet, e.FullyQualifiedErrorId));
            Assert.Equal(files.Skip(2), result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(3, Received().Length);
        }

        [Fact]
        public void EveryFileEndsAsExactlyOneOutputOrOneError()
        {
            string[] good = CreateFiles(6);
            string empty = _files.Create("empty.wav", 0);
            string missing = Path.Combine(_files.Folder, "missing.wav");
            object[] input = { good[0], empty, good[1], good[2], missing, good[3], good[4], good[5] };
            _session.Run("Add-AlpharunSandboxFault -StatusCode 500 -Count 2; Add-AlpharunSandboxFault -StatusCode 422 -Count 1").ThrowIfFailed();

            PwshResult result = _session.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 4 -MaxRetries 1", input);

            var reported = result.Output.Select(o => (string)o.Properties["Path"].Value).Concat(result.Errors.Select(e => (string)e.TargetObject)).ToList();
            Assert.Equal(input.Length, reported.Count);
            Assert.Equal(input.Cast<string>().OrderBy(p => p), reported.OrderBy(p => p));
        }

        [Fact]
        public void OutputStaysInInputOrderWhenTheFirstFileIsSlowest()
        {
            string[] files = CreateFiles(4);
            _session.Run("Add-AlpharunSandboxFault -Stall '00:00:01.5'").ThrowIfFailed();

            PwshResult result = _session.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 4", files.Cast<object>().ToArray()).ThrowIfFailed();

            Assert.Equal(files, result.Output.Select(o => (string)o.Properties["Path"].Value));
        }

        [Theory]
        [InlineData("Continue")]
        [InlineData("SilentlyContinue")]
        public async Task StopEndsTheBatchWithoutWaitingForAnswersAndLeavesNothingRunning(string progressPreference)
        {
            // Six files, three at a time, to a server that reads each body whole and never answers. With progress on,
            // a progress write would also end a stopping pipeline; silenced, only the cmdlet's own cancellation can.
            // -TimeoutSec 120 is far past the 20 s Stop is given: a Stop that waited for the uploads instead of
            // cancelling them cannot return in time, whatever the machine's load (no wall-time bound on a fast Stop).
            using var release = new CancellationTokenSource();
            using var threeWaiting = new ManualResetEventSlim();
            int bodiesRead = 0;
            int closedByClient = 0;
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                if (Interlocked.Increment(ref bodiesRead) == 3) threeWaiting.Set();
                if (await exchange.WaitForClientToCloseAsync(release.Token)) Interlocked.Increment(ref closedByClient);
            });
            string[] files = CreateFiles(6);
            using var ps = _session.CreatePipeline();
            ps.AddScript($"$ProgressPreference = '{progressPreference}'; $uri = $args[0]; $args[1..6] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -BaseUri $uri -ApiKey (ConvertTo-SecureString 'sk_stop' -AsPlainText -Force) -ThrottleLimit 3 -MaxRetries 0 -TimeoutSec 120");
            ps.AddArgument(server.BaseUri);
            foreach (string file in files) ps.AddArgument(file);

            IAsyncResult running = ps.BeginInvoke();
            try
            {
                Assert.True(threeWaiting.Wait(TimeSpan.FromSeconds(30)), "three uploads were sent whole and waited for their answers");
                // On a task, so a Stop that never returns fails the test instead of hanging it.
                bool returned = true;
                try
                {
                    await Task.Run(ps.Stop).WaitAsync(TimeSpan.FromSeconds(20));
                }
                catch (TimeoutException)
                {
                    returned = false;
                }

                Assert.True(returned, "Stop did not return within 20 s while the three answers were held: it waited for the uploads instead of cancelling them");
                Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
                Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
                // Nothing left running: the client closed each of the three connections (no answer was ever sent), and
                // no other file was sent.
                Assert.True(server.WaitForExchanges(TimeSpan.FromSeconds(10)), "a connection of the batch was still open 10 s after Stop returned");
                Assert.Equal(3, Volatile.Read(ref closedByClient));
                Assert.Equal(3, server.ConnectionCount);
                // And it holds no file of the batch open (where this process's open files can be seen).
                if (OpenFiles.WhyNotCountable is null) Assert.Equal(0, OpenFiles.Under(_files.Folder));
            }
            finally
            {
                release.Cancel();
            }
        }

        [Fact]
        public void ResumedBatchSendsOnlyWhatWasLeft()
        {
            string[] files = CreateFiles(5);
            string journal = Path.Combine(_files.Folder, "state", "batch.journal");
            _session.Run("Add-AlpharunSandboxFault -StatusCode 503 -Count 3").ThrowIfFailed();
            const string send = "$files = $args[1..($args.Count - 1)]; $files | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -MaxRetries 0 -Journal $args[0]";
            object[] arguments = new object[] { journal }.Concat(files).ToArray();

            PwshResult broken = _session.Run(send, arguments);
            PwshResult resumed = _session.Run(send, arguments).ThrowIfFailed();

            Assert.Equal(3, broken.Errors.Count);
            Assert.Equal(2, broken.Output.Count);
            Assert.Equal(files, resumed.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(new[] { "Created", "Created", "Created", "Skipped", "Skipped" }, resumed.Output.Select(o => o.Properties["Status"].Value.ToString()));
            Assert.Equal(broken.Output.Select(o => o.Properties["RecordingId"].Value), resumed.Output.Skip(3).Select(o => o.Properties["RecordingId"].Value));
            PSObject[] received = Received();
            Assert.Equal(5, received.Length);
            Assert.All(received, r => Assert.Equal("Created", r.Properties["Status"].Value.ToString()));
        }

        [Fact]
        public void ProgressIsThrottledAndAlwaysCompletes()
        {
            string[] files = CreateFiles(40, length: 2048);
            PwshResult result = _session.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com", files.Cast<object>().ToArray()).ThrowIfFailed();

            Assert.Equal(40, result.Output.Count);
            Assert.True(result.Progress.Count < 40 * 2, $"{result.Progress.Count} progress records for 40 files");
            // Piped: the number of files is not known, so the batch bar shows counts without a percentage.
            Assert.All(result.Progress.Where(p => p.ActivityId == 4242 && p.RecordType == ProgressRecordType.Processing), p => Assert.Equal(-1, p.PercentComplete));
            ProgressRecord last = result.Progress.Last(p => p.ParentActivityId == -1);
            Assert.Equal(ProgressRecordType.Completed, last.RecordType);
            Assert.Contains("40 done, 0 failed", last.StatusDescription);
            var opened = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).Select(p => p.ActivityId).Distinct();
            var closed = result.Progress.Where(p => p.RecordType == ProgressRecordType.Completed).Select(p => p.ActivityId).ToHashSet();
            Assert.All(opened, id => Assert.Contains(id, closed));
        }

        [Fact]
        public void AFinishedBodyWaitingForItsAnswerSaysSoAndNoRateIsShownBeforeASecond()
        {
            string file = _files.Create("slow-answer.wav", 2 * 1024 * 1024, seed: 7);
            _session.Run("Add-AlpharunSandboxFault -Stall '00:00:02'").ThrowIfFailed();

            PwshResult result = _session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com", file).ThrowIfFailed();

            Assert.Single(result.Output);
            string[] lane = result.Progress.Where(p => p.Activity == "Sending slow-answer.wav" && p.RecordType == ProgressRecordType.Processing)
                .Select(p => p.StatusDescription).ToArray();
            Assert.Contains("2.0 MiB sent, waiting for the API's answer", lane);
            // One file: no batch bar, so its upload's bar stands alone.
            Assert.DoesNotContain(result.Progress, p => p.ActivityId == 4242);
            Assert.All(result.Progress, p => Assert.Equal(-1, p.ParentActivityId));
            // 2 MiB over loopback in well under a second once read as "sent in 1 ms" made GiB/s; a real rate here is MiB/s at most.
            Assert.DoesNotContain(lane, status => status.Contains("GiB/s"));
        }

        [Fact]
        public void TheBatchBarShowsAPercentageWhenThePathsAreKnownUpFront()
        {
            string[] files = CreateFiles(4, length: 2048);
            PwshResult result = _session.Run("Send-AlpharunRecording -LiteralPath $args -Teammate ana@acme.com -Contact bob@client.com", files.Cast<object>().ToArray()).ThrowIfFailed();

            Assert.Equal(4, result.Output.Count);
            ProgressRecord[] batch = result.Progress.Where(p => p.Activity == "Uploading recordings to Alpharun").ToArray();
            Assert.Contains(batch, p => p.RecordType == ProgressRecordType.Processing);
            Assert.All(batch.Where(p => p.RecordType == ProgressRecordType.Processing), p => Assert.InRange(p.PercentComplete, 0, 100));
            ProgressRecord last = batch.Last();
            Assert.Equal(ProgressRecordType.Completed, last.RecordType);
            Assert.Equal("4 of 4 files (4 done, 0 failed), 8.0 KiB sent", last.StatusDescription);
        }

        [Fact]
        public void SilencedProgressWritesNothing()
        {
            string[] files = CreateFiles(5, length: 300_000);
            PwshResult result = _session.Run("$ProgressPreference = 'SilentlyContinue'; $args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com", files.Cast<object>().ToArray()).ThrowIfFailed();

            Assert.Equal(5, result.Output.Count);
            Assert.Empty(result.Progress);
        }
    }
}
