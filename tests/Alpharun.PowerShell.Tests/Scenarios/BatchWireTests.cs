using System;
using System.Collections.Concurrent;
using System.Diagnostics;
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
    /// What a batch does, seen from the server's side of the wire: a raw loopback server that holds, paces or
    /// refuses single uploads, so order, Stop and slow links are checked where they matter, not by the clock.
    /// </summary>
    public sealed class BatchWireTests : IDisposable
    {
        private const string Key = "(ConvertTo-SecureString 'sk_batch_wire' -AsPlainText -Force)";
        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();

        public void Dispose()
        {
            _session.Dispose();
            _files.Dispose();
        }

        private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

        private static string CreatedBody => "{\"data\":{\"recording\":{\"id\":\"" + LoopbackServer.RecordingId.ToString("D") + "\"}}}";

        [Fact]
        public void OutputsAndErrorsLeaveInInputOrderWhenTheFirstFileIsAnsweredLast()
        {
            // call-01's answer is held until the three after it have been answered (one 422, one 201, one 500), so
            // any release in finishing order would put it last.
            var othersAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            int answered = 0;
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                string body = Encoding.UTF8.GetString(await exchange.ReadBodyBytesAsync(LoopbackExchange.ContentLength(head)));
                string[] json = { "Content-Type: application/json" };
                if (body.Contains("filename=\"call-01.wav\""))
                {
                    await othersAnswered.Task.WaitAsync(TimeSpan.FromSeconds(30));
                    await exchange.WriteResponseAsync(201, Json(CreatedBody), json);
                    return;
                }
                if (body.Contains("filename=\"call-02.wav\"")) await exchange.WriteResponseAsync(422, Json("{\"message\":\"teammate_email is not a member\"}"), json);
                else if (body.Contains("filename=\"call-04.wav\"")) await exchange.WriteResponseAsync(500, Json("{\"message\":\"boom\"}"), json);
                else await exchange.WriteResponseAsync(201, Json(CreatedBody), json);
                if (Interlocked.Increment(ref answered) == 3) othersAnswered.SetResult();
            });
            object[] files = Enumerable.Range(1, 4).Select(i => (object)_files.Create($"call-{i:00}.wav", 2048, seed: i)).ToArray();

            PwshResult result = _session.Run(
                "$uri = $args[0]; $args[1..4] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -BaseUri $uri -ApiKey " + Key + " -ThrottleLimit 4 -MaxRetries 0 2>&1 | " +
                "ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'E:' + (Split-Path -Leaf $_.TargetObject) } else { 'O:' + (Split-Path -Leaf $_.Path) } }",
                new object[] { server.BaseUri }.Concat(files).ToArray());

            Assert.True(othersAnswered.Task.IsCompleted, "the three later files were answered before the first");
            Assert.Equal(new[] { "O:call-01.wav", "E:call-02.wav", "O:call-03.wav", "E:call-04.wav" }, result.Output.Select(o => o.ToString()));
        }

        [Fact]
        public void NoUploadGoesOnOnTheServerAfterStopReturns()
        {
            // Three 16 MiB uploads the server reads 16 KiB at a time, 50 ms apart, until Stop returns; from then on it
            // reads as fast as it can. A cancelled upload ends with what the client's kernel had already buffered
            // (at most its send buffer, 4 MiB on Linux); one that went on would arrive whole within a second or two.
            const int length = 16 * 1024 * 1024;
            using var sending = new ManualResetEventSlim();
            using var stopReturned = new CancellationTokenSource();
            var received = new ConcurrentDictionary<int, long>();
            var whole = new ConcurrentBag<int>();
            int connections = 0;
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                int id = Interlocked.Increment(ref connections);
                long declared = LoopbackExchange.ContentLength(head);
                long read = await exchange.ReadBodyAsync(declared, chunk: 16 * 1024, afterChunk: async total =>
                {
                    received[id] = total;
                    if (received.Count == 3) sending.Set();
                    if (!stopReturned.IsCancellationRequested) await Task.Delay(50, stopReturned.Token).ContinueWith(_ => { }, TaskScheduler.Default); // the link's pace, the condition under test
                });
                if (read == declared) whole.Add(id);
            }, receiveBufferSize: 64 * 1024);
            object[] files = Enumerable.Range(1, 4).Select(i => (object)_files.Create($"big-{i}.wav", length, seed: i)).ToArray();
            using System.Management.Automation.PowerShell ps = _session.CreatePipeline();
            ps.AddScript("$uri = $args[0]; $args[1..4] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -BaseUri $uri -ApiKey " + Key + " -ThrottleLimit 3");
            ps.AddArgument(server.BaseUri);
            foreach (object file in files) ps.AddArgument(file);

            IAsyncResult running = ps.BeginInvoke();
            Assert.True(sending.Wait(TimeSpan.FromSeconds(30)), "three uploads were sending body bytes");
            ps.Stop();
            stopReturned.Cancel();
            long atStop = received.Values.Sum();

            // Every upload connection is closed by the client: the server's reads end, none with the whole body.
            Assert.True(server.WaitForExchanges(TimeSpan.FromSeconds(10)), $"uploads still sending 10 s after Stop returned; {received.Values.Sum() - atStop} body bytes arrived since");
            Assert.Equal(3, server.ConnectionCount);
            Assert.True(whole.IsEmpty, $"{whole.Count} upload(s) went on to their last byte after Stop returned");
            Assert.All(received.Values, total => Assert.True(total < length - 4 * 1024 * 1024, $"{total} of {length} body bytes reached the server"));
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        }

        [Fact]
        public void AnUploadOnALinkSlowerThanTimeoutSecSucceedsWhileBytesFlow()
        {
            // 32 MiB read 256 KiB every 50 ms: about 6.5 s against -TimeoutSec 3, with no pause near 3 s. The file is
            // far larger than the client's socket send buffer (up to 4 MiB on Linux), whose last bytes drain after
            // the client has "sent" them, in under a second at this pace.
            const int length = 32 * 1024 * 1024;
            long bodyRead = 0;
            var clock = new Stopwatch();
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                clock.Start();
                long declared = LoopbackExchange.ContentLength(head);
                // The pace is counted in bytes, 50 ms per 256 KiB, whatever size each read returns: paced per read, a
                // run of 64 KiB reads slowed the link to ~1.3 MiB/s, and the client's last send buffer then took
                // longer than -TimeoutSec to drain (seen once in CI).
                long paced = 0;
                bodyRead = await exchange.ReadBodyAsync(declared, chunk: 256 * 1024, afterChunk: async total =>
                {
                    while (total - paced >= 256 * 1024)
                    {
                        paced += 256 * 1024;
                        await Task.Delay(50, exchange.Stopping); // the link's pace, the condition under test
                    }
                });
                clock.Stop();
                await exchange.WriteResponseAsync(201, Json(CreatedBody), "Content-Type: application/json");
            }, receiveBufferSize: 64 * 1024);
            string file = _files.Create("slow-link.wav", length, seed: 3);

            PwshResult result = _session.Run(
                "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -BaseUri $args[1] -ApiKey " + Key + " -TimeoutSec 3 -MaxRetries 0",
                file, server.BaseUri);

            Assert.Empty(result.Errors);
            PSObject upload = Assert.Single(result.Output);
            Assert.Equal("Created", upload.Properties["Status"].Value.ToString());
            Assert.Equal(1, server.ConnectionCount);
            Assert.True(bodyRead > length, $"the server read {bodyRead} body bytes");
            Assert.True(clock.Elapsed > TimeSpan.FromSeconds(3), $"the body took {clock.Elapsed.TotalMilliseconds:0} ms to read, not longer than -TimeoutSec");
        }
        [OpenFilesCountedFact]
        public void ThrottleLimitFilesUploadAndAreOpenAtOnceAndNoMore()
        {
            // Every upload is held with its body unread; 8 MiB files cannot fit in the sockets' buffers, so each
            // sender stays mid-body with its file open until the server lets go.
            const int length = 8 * 1024 * 1024;
            using var release = new CancellationTokenSource();
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { }, TaskScheduler.Default); // held until the test releases it
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                await exchange.WriteResponseAsync(201, Json(CreatedBody), "Content-Type: application/json");
            }, receiveBufferSize: 64 * 1024);
            object[] files = Enumerable.Range(1, 7).Select(i => (object)_files.Create($"held-{i}.wav", length, seed: i)).ToArray();
            using System.Management.Automation.PowerShell ps = _session.CreatePipeline();
            ps.AddScript("$uri = $args[0]; $args[1..7] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -BaseUri $uri -ApiKey " + Key + " -ThrottleLimit 3");
            ps.AddArgument(server.BaseUri);
            foreach (object file in files) ps.AddArgument(file);

            IAsyncResult running = ps.BeginInvoke();
            bool threeSending = SpinWait.SpinUntil(() => server.RequestHeads.Count >= 3 && OpenFiles.Under(_files.Folder) >= 3, TimeSpan.FromSeconds(30)); // a poll with a deadline
            int connections = server.ConnectionCount;
            int open = OpenFiles.Under(_files.Folder);
            release.Cancel();
            PSDataCollection<PSObject> output = ps.EndInvoke(running);

            Assert.True(threeSending, "three uploads were sending with their files open");
            Assert.Equal(3, connections);
            Assert.Equal(3, open);
            Assert.Equal(files.Cast<string>(), output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(7, server.ConnectionCount);
        }

    }
}
