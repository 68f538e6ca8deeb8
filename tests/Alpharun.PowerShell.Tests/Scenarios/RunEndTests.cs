using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// How a run of Send-AlpharunRecording ends when it is not by the end of its input: outputs written as files come
    /// (not all at the end), a command after it that stops the pipeline (Select-Object -First), Stop (Ctrl+C) with
    /// files decided but not yet output, and the connection the run opened, closed when the command is done.
    /// </summary>
    public sealed class RunEndTests : IDisposable
    {
        private const string Key = "(ConvertTo-SecureString 'sk_run_end' -AsPlainText -Force)";
        private const string Fields = "-Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z'";
        private const string BatchActivity = "Uploading recordings to Alpharun";

        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();
        private readonly CancellationTokenSource _release = new CancellationTokenSource();

        public void Dispose()
        {
            _release.Cancel();
            _session.Dispose();
            _files.Dispose();
            _release.Dispose();
        }

        [Fact]
        public void EachOutputIsWrittenWhenTheNextFileArrivesNotHeldUntilTheInputEnds()
        {
            using var server = new LoopbackServer(LoopbackServer.Created());
            string[] files = Enumerable.Range(1, 3).Select(i => _files.Create($"call-{i}.wav", 2048, seed: i)).ToArray();

            // The producer gives file N+2 only once file N's output came out of the command (or 20 s passed: then it
            // counts a wait that ran out). At -ThrottleLimit 1, file N+1 starts when file N is accepted, and the
            // command writes file N's output before it asks for more input.
            PwshResult result = _session.Run(
                "$uri = $args[0]; $global:seen = 0; $global:waitsRunOut = 0; " +
                "& { $i = 0; foreach ($f in $args) { " +
                "  if ($i -ge 2) { $deadline = [DateTime]::UtcNow.AddSeconds(20); " +
                "    while ($global:seen -lt $i - 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 10 }; " +
                "    if ($global:seen -lt $i - 1) { $global:waitsRunOut++ } }; " +
                "  $f; $i++ } } $args[1] $args[2] $args[3] | " +
                "Send-AlpharunRecording " + Fields + " -BaseUri $uri -ApiKey " + Key + " -ThrottleLimit 1 -MaxRetries 0 | ForEach-Object { $global:seen++; $_ }; " +
                "$global:waitsRunOut",
                server.BaseUri, files[0], files[1], files[2]).ThrowIfFailed();

            Assert.Equal(0, result.Output.Last().BaseObject);
            Assert.Equal(new[] { "call-1.wav", "call-2.wav", "call-3.wav" }, result.Output.Take(3).Select(o => (string)o.Properties["FileName"].Value));
        }

        [Fact]
        public async Task ACommandAfterItThatStopsThePipelineCancelsTheUploadsInFlightAndLeavesAFinishedSummary()
        {
            // call-2 and call-3 get no answer while the test runs; call-1 is answered 201 once all three reached the API,
            // so both are in flight when its output ends the pipeline.
            using var server = new ScriptedApi().Hold("call-1.wav").Hold("call-2.wav").Hold("call-3.wav");
            string[] files = Enumerable.Range(1, 3).Select(i => _files.Create($"call-{i}.wav", 2048, seed: i)).ToArray();
            Task releaseFirst = Task.Run(() =>
            {
                Poll.Until(() => server.Arrived.Count == 3, "the three uploads to reach the API");
                server.Release("call-1.wav");
            });

            PwshResult result = _session.Run(
                "$uri = $args[0]; $args[1..3] | Send-AlpharunRecording " + Fields + " -BaseUri $uri -ApiKey " + Key +
                " -ThrottleLimit 4 -MaxRetries 0 -TimeoutSec 0 -SummaryVariable run | Select-Object -First 1",
                server.BaseUri, files[0], files[1], files[2]).ThrowIfFailed();

            await releaseFirst;
            Assert.Equal("call-1.wav", (string)result.Output.Single().Properties["FileName"].Value);
            // The two held uploads were cancelled by the command's end, not left running: their connections closed.
            Poll.Until(() => server.ClosedByClient.Count == 2, "the client to close the two held uploads' connections");

            PwshResult summary = _session.Run(
                "$run.StoppedBy; $run.Created; $run.Failed; $run.ExitCode; $first = $run.Elapsed; " +
                // Time passes on purpose: a finished summary's clock no longer moves.
                "$clock = [Diagnostics.Stopwatch]::StartNew(); while ($clock.ElapsedMilliseconds -lt 200) { }; $run.Elapsed -eq $first").ThrowIfFailed();
            Assert.Equal(new object[] { "PipelineStopped", 1, 0, 2, true }, summary.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void StopCountsTheFilesDecidedButNotYetOutputInTheSummary()
        {
            using var server = new ScriptedApi().Hold("call-1.wav");
            string held = _files.Create("call-1.wav", 2048, seed: 1);
            File.SetLastWriteTimeUtc(held, DateTime.UtcNow.AddHours(-2));
            string young = _files.Create("call-2.wav", 2048, seed: 2);
            string empty = Path.Combine(_files.Folder, "call-3.wav");
            File.WriteAllBytes(empty, Array.Empty<byte>());
            File.SetLastWriteTimeUtc(empty, DateTime.UtcNow.AddHours(-2));

            using var decided = new ManualResetEventSlim();
            using System.Management.Automation.PowerShell ps = _session.CreatePipeline();
            ps.AddScript("$uri = $args[0]; $args[1..3] | Send-AlpharunRecording " + Fields + " -BaseUri $uri -ApiKey " + Key +
                " -ThrottleLimit 4 -MaxRetries 0 -TimeoutSec 0 -MinimumAge 1h -SummaryVariable run");
            ps.AddArgument(server.BaseUri).AddArgument(held).AddArgument(young).AddArgument(empty);
            ps.Streams.Progress.DataAdded += (sender, e) =>
            {
                ProgressRecord record = ((PSDataCollection<ProgressRecord>)sender!)[e.Index];
                if (record.Activity == BatchActivity && record.StatusDescription.Contains("(1 done, 1 failed, 1 sending)")) decided.Set();
            };

            IAsyncResult running = ps.BeginInvoke();
            // call-2 is in progress (younger than -MinimumAge) and call-3 (old enough) is empty: both are decided, and wait behind
            // call-1, whose answer never comes, to be output in input order.
            bool shown = decided.Wait(TimeSpan.FromSeconds(30));
            ps.Stop();
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
            Assert.True(shown, "the batch bar never showed call-2 done and call-3 failed: " +
                string.Join(" | ", ps.Streams.Progress.Where(p => p.Activity == BatchActivity).Select(p => p.StatusDescription).Distinct()));

            PwshResult summary = _session.Run("$run.StoppedBy; $run.Created; $run.InProgress; $run.Failed; $run.Files; $run.ExitCode").ThrowIfFailed();
            Assert.Equal(new object[] { "PipelineStopped", 0, 1, 1, 2, 2 }, summary.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public async Task TheProxyConnectionTheRunOpenedIsClosedWhenTheCommandIsDone()
        {
            var closedByClient = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            // A keep-alive answer: the connection stays open for the next request unless the client closes it.
            using var proxy = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                byte[] body = Encoding.UTF8.GetBytes(ScriptedApi.CreatedBody(Guid.NewGuid()));
                await exchange.WriteAsync($"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
                await exchange.WriteBodyAsync(body);
                closedByClient.TrySetResult(await exchange.WaitForClientToCloseAsync(_release.Token));
            });
            string file = _files.Create("call-1.wav", 2048, seed: 1);

            // Without -Proxy, runs share one connection pool (a nightly job reuses its connections); a run's own proxy
            // client is its own, and is closed with the command, or each run would leave an idle connection behind.
            PwshResult result = _session.Run(
                "Send-AlpharunRecording -LiteralPath $args[0] " + Fields + " -BaseUri http://api.alpharun.test/api/v1 -AllowUnencryptedAuthentication -Proxy $args[1] -ApiKey " + Key + " -MaxRetries 0",
                file, $"http://127.0.0.1:{proxy.Port}").ThrowIfFailed();

            Assert.Equal("Created", result.Output.Single().Properties["Status"].Value.ToString());
            Assert.StartsWith("POST http://api.alpharun.test/api/v1/recordings/upload HTTP/1.1\r\n", Assert.Single(proxy.RequestHeads));
            // An idle pooled connection would stay open for a minute; the command's end closes it at once.
            Assert.True(await closedByClient.Task.WaitAsync(TimeSpan.FromSeconds(20)), "the proxy was released before the client closed its connection");
        }
    }
}
