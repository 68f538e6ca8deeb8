using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// Rules of Send-AlpharunRecording the README states, each aimed at by its own test: -MaxRetries counts retries,
    /// nothing new starts once a finished failure ends the command, -WhatIf validates and reports, progress is
    /// refreshed at most four times a second, CSV cells bind as written (a blank one is not given).
    /// </summary>
    public sealed class BatchRuleTests : IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Send = "Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z'";

        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        private string[] CreateFiles(int count, int length = 4096) =>
            Enumerable.Range(1, count).Select(i => _sandbox.Files.Create($"call-{i:00}.wav", length, seed: i)).ToArray();

        [Theory]
        [InlineData(0, 1, false, 1)]
        [InlineData(1, 1, true, 2)]
        [InlineData(1, 2, false, 2)]
        [InlineData(2, 2, true, 3)]
        [InlineData(3, 3, true, 4)]
        [InlineData(3, 4, false, 4)]
        public void MaxRetriesNSendsAFileAtMostNPlusOneTimes(int maxRetries, int failures, bool accepted, int requests)
        {
            string file = CreateFiles(1)[0];
            _sandbox.Run($"Add-AlpharunSandboxFault -StatusCode 503 -RetryAfter 0 -Count {failures}").ThrowIfFailed();

            PwshResult result = _sandbox.Run(Send + $" -LiteralPath $args[0] -MaxRetries {maxRetries}", file);

            Assert.Equal(requests, _sandbox.UploadRequestCount);
            if (accepted)
            {
                Assert.Empty(result.Errors);
                Assert.Equal(requests, result.Property<int>(0, "Attempts"));
            }
            else
            {
                Assert.Empty(result.Output);
                Assert.Equal("ServerError" + Cmdlet, Assert.Single(result.Errors).FullyQualifiedErrorId);
            }
        }

        [Theory]
        [InlineData("-StatusCode 422", "-ErrorAction Stop", "RequestRejected")]
        [InlineData("-StatusCode 401", "", "ApiKeyRejected")]
        public void NoFileStartsOnceAFinishedFailureEndsTheCommand(string fault, string errorAction, string errorId)
        {
            // -ThrottleLimit 1: the second file waits for the first's slot; the first's failure, finished by then, ends
            // the command before the second may start.
            string[] files = CreateFiles(3);
            _sandbox.Run("Add-AlpharunSandboxFault " + fault).ThrowIfFailed();

            PwshResult result = _sandbox.Run("$args | " + Send + " -ThrottleLimit 1 -MaxRetries 0 " + errorAction, files.Cast<object>().ToArray());

            Assert.Equal(1, _sandbox.UploadRequestCount);
            Assert.Empty(result.Output);
            ErrorRecord error = result.SingleError();
            Assert.Equal(errorId + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(files[0], error.TargetObject);
        }

        [Fact]
        public void AFileThatFailedItsChecksStopsTheCommandBeforeTheNextFileStarts()
        {
            // -ThrottleLimit 1: the empty file's error is queued behind the first (held 1 s by the sandbox); when the
            // first is answered, that error is written before the third file may start, and -ErrorAction Stop ends it.
            string first = _sandbox.Files.Create("first.wav", seed: 1);
            string empty = _sandbox.Files.Create("empty.wav", 0);
            string third = _sandbox.Files.Create("third.wav", seed: 3);
            _sandbox.Run("Add-AlpharunSandboxFault -Stall '00:00:01'").ThrowIfFailed();

            // Outputs written before the stop are kept by reading them inside the try.
            PwshResult result = _sandbox.Run("try { $args | " + Send + " -ThrottleLimit 1 -ErrorAction Stop | ForEach-Object { 'O:' + $_.Path } } catch { 'E:' + $_.FullyQualifiedErrorId + ':' + $_.TargetObject }", first, empty, third);

            Assert.Equal(new[] { "O:" + first, "E:EmptyFile" + Cmdlet + ":" + empty }, result.Output.Select(o => o.ToString()));
            Assert.Equal(1, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void TheBatchBarCountsFailedFilesIntoItsPercentage()
        {
            // Four paths given as arguments, one at a time: the first fails its checks, the second is refused by the
            // API (503, no retry), the third is held back 1.5 s, so the bar shows 2 of 4 files ended (50%) meanwhile.
            string[] files = { _sandbox.Files.Create("empty.wav", 0), _sandbox.Files.Create("refused.wav", seed: 2), _sandbox.Files.Create("held.wav", seed: 3), _sandbox.Files.Create("last.wav", seed: 4) };
            _sandbox.Run("Add-AlpharunSandboxFault -StatusCode 503; Add-AlpharunSandboxFault -Stall '00:00:01.5'").ThrowIfFailed();

            PwshResult result = _sandbox.Run(Send + " -LiteralPath $args -ThrottleLimit 1 -MaxRetries 0", files.Cast<object>().ToArray());

            Assert.Equal(new[] { "EmptyFile" + Cmdlet, "ServerError" + Cmdlet }, result.ErrorIds);
            Assert.Equal(2, result.Output.Count);
            ProgressRecord[] bar = result.Progress.Where(p => p.ActivityId == 4242 && p.RecordType == ProgressRecordType.Processing).ToArray();
            Assert.Contains(bar, p => p.PercentComplete == 50 && p.StatusDescription.StartsWith("2 of 4 files (0 done, 2 failed, 1 sending)", StringComparison.Ordinal));
            Assert.All(bar, p => Assert.InRange(p.PercentComplete, 0, 100));
        }

        [Fact]
        public void WhenAnUploadIsAcceptedTheNextOneStartsBeforeItsOutputIsWritten()
        {
            // -ThrottleLimit 2, the second upload held 3 s: the third file waits for a slot until the first is answered
            // (held 1 s); its upload must be on its way while the first one's output is still being handled.
            string[] files = { _sandbox.Files.Create("a.wav", seed: 1), _sandbox.Files.Create("b.wav", seed: 2), _sandbox.Files.Create("c.wav", seed: 3) };
            _sandbox.Run("Add-AlpharunSandboxFault -Stall '00:00:01'; Add-AlpharunSandboxFault -Stall '00:00:03'").ThrowIfFailed();

            PwshResult result = _sandbox.Run(@"
                $files = $args; $server = Get-TestSandboxServer
                & {
                    $files[0]; Wait-TestCondition { $server.UploadRequestCount -ge 1 } 'the sandbox counted a.wav'
                    $files[1]; Wait-TestCondition { $server.UploadRequestCount -ge 2 } 'the sandbox counted b.wav'
                    $files[2]
                } | " + Send + @" -ThrottleLimit 2 | ForEach-Object {
                    if ($_.FileName -eq 'a.wav') { Wait-TestCondition { @($server.GetRecordings().FileName) -contains 'c.wav' } 'c.wav reached the sandbox while a.wav was being output' -TimeoutSec 10 }
                    $_.FileName
                }", files.Cast<object>().ToArray());

            Assert.Null(result.Terminating);
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "a.wav", "b.wav", "c.wav" }, result.Output.Select(o => o.ToString()));
        }

        [Fact]
        public void AFileListedAgainWithTheSameFieldsIsSentOnceAndEndsAsTheFirstListing()
        {
            // a.wav three times: one upload, reported three times as that recording; c.wav twice, refused once (503,
            // no retry): two errors, one request.
            string a = _sandbox.Files.Create("a.wav", seed: 1), b = _sandbox.Files.Create("b.wav", seed: 2), c = _sandbox.Files.Create("c.wav", seed: 3);
            _sandbox.Run("Add-AlpharunSandboxFault -StatusCode 503 -FileName c.wav").ThrowIfFailed();

            PwshResult result = _sandbox.Run("$args | " + Send + " -ThrottleLimit 4 -MaxRetries 0", a, b, a, c, a, c);

            Assert.Equal(new[] { "Created", "Created", "Skipped", "Skipped" }, result.Output.Select(o => (string)o.Properties["Status"].Value));
            Assert.Equal(new[] { a, b, a, a }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.All(new[] { 2, 3 }, i => Assert.Equal(result.Output[0].Properties["RecordingId"].Value, result.Output[i].Properties["RecordingId"].Value));
            Assert.All(new[] { 2, 3 }, i => Assert.Equal(0, result.Output[i].Properties["HttpStatus"].Value));
            Assert.Equal(new[] { "ServerError" + Cmdlet, "ServerError" + Cmdlet }, result.ErrorIds);
            Assert.Equal(new object[] { c, c }, result.Errors.Select(e => e.TargetObject));
            Assert.Equal(3, _sandbox.UploadRequestCount);
            Assert.Equal(new[] { "a.wav", "b.wav" }, _sandbox.ReceivedFileNames());
        }

        [Fact]
        public void AFileListedAgainTakesNoUploadSlot()
        {
            // -ThrottleLimit 2, a.wav twice then b.wav: the repeat sends nothing, so b.wav takes the second slot. The
            // server holds a.wav's answer until b.wav's request arrives (15 s at most): a repeat that took a slot would
            // keep b.wav waiting for that answer.
            var secondArrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            bool firstHeldUntilSecondArrived = false;
            int connections = 0;
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                bool first = Interlocked.Increment(ref connections) == 1;
                if (!first) secondArrived.TrySetResult(true);
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                if (first)
                {
                    try
                    {
                        firstHeldUntilSecondArrived = await secondArrived.Task.WaitAsync(TimeSpan.FromSeconds(15), exchange.Stopping);
                    }
                    catch (TimeoutException)
                    {
                    }
                }
                await exchange.WriteResponseAsync(201, System.Text.Encoding.UTF8.GetBytes("{\"data\":{\"recording\":{\"id\":\"" + LoopbackServer.RecordingId.ToString("D") + "\"}}}"), "Content-Type: application/json");
            });
            string a = _sandbox.Files.Create("a.wav", seed: 1), b = _sandbox.Files.Create("b.wav", seed: 2);

            PwshResult result = _sandbox.Run("$args[1..3] | " + Send + " -BaseUri $args[0] -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -ThrottleLimit 2 -MaxRetries 0 -TimeoutSec 30", server.BaseUri, a, a, b);

            Assert.True(firstHeldUntilSecondArrived, "b.wav was sent only after a.wav's answer: the repeat of a.wav took an upload slot");
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { a, a, b }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(2, server.ConnectionCount);
        }

        [Fact]
        public void AnUploadsBarShowsItsBytesItsRateAfterASecondAndTheBatchBarItsBytesSoFar()
        {
            // Two paths as arguments; the first (8 MiB) is read by the server at about 2 MiB/s.
            const int length = 8 * 1024 * 1024;
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                long paced = 0;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head), 64 * 1024, async total =>
                {
                    while (total - paced >= 128 * 1024)
                    {
                        paced += 128 * 1024;
                        await System.Threading.Tasks.Task.Delay(60, exchange.Stopping); // the slow link's pace, the condition under test
                    }
                });
                await exchange.WriteResponseAsync(201, System.Text.Encoding.UTF8.GetBytes("{\"data\":{\"recording\":{\"id\":\"" + LoopbackServer.RecordingId.ToString("D") + "\"}}}"), "Content-Type: application/json");
            }, receiveBufferSize: 64 * 1024);
            string big = _sandbox.Files.Create("big.wav", length, seed: 1), small = _sandbox.Files.Create("small.wav", seed: 2);
            var clock = Stopwatch.StartNew();
            var seen = new List<(TimeSpan At, ProgressRecord Record)>();
            using var ps = _sandbox.Session.CreatePipeline();
            ps.Streams.Progress.DataAdded += (_, e) => seen.Add((clock.Elapsed, ps.Streams.Progress[e.Index]));
            ps.AddScript(Send + " -LiteralPath $args[1], $args[2] -BaseUri $args[0] -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -ThrottleLimit 1 -MaxRetries 0 -TimeoutSec 30");
            ps.AddArgument(server.BaseUri).AddArgument(big).AddArgument(small);

            Assert.Equal(2, ps.Invoke().Count);

            var lane = seen.Where(s => s.Record.Activity == "Sending big.wav" && s.Record.RecordType == ProgressRecordType.Processing).ToList();
            Assert.True(lane.Count >= 6, $"{lane.Count} records of big.wav's bar");
            Assert.All(lane, s => Assert.Equal(4242, s.Record.ParentActivityId));
            Assert.All(lane, s => Assert.NotEqual(4242, s.Record.ActivityId));
            // Bytes of total, a percentage that grows, the rate only once it has sent for a second.
            var sending = lane.Where(s => !s.Record.StatusDescription.EndsWith("waiting for the API's answer", StringComparison.Ordinal)).ToList();
            Assert.All(sending, s => Assert.Matches(@"^\d+(\.\d)? [KM]?i?B of 8\.0 MiB( at \d+(\.\d)? [KM]?i?B/s)?$", s.Record.StatusDescription));
            Assert.Contains(sending, s => s.Record.PercentComplete > 0 && s.Record.PercentComplete < 100);
            Assert.Equal(sending.Select(s => s.Record.PercentComplete).OrderBy(p => p), sending.Select(s => s.Record.PercentComplete));
            TimeSpan first = lane[0].At;
            Assert.DoesNotContain(" at ", lane[0].Record.StatusDescription);
            Assert.All(sending.Where(s => s.At - first < TimeSpan.FromSeconds(0.8)), s => Assert.DoesNotContain(" at ", s.Record.StatusDescription));
            Assert.All(sending.Where(s => s.At - first > TimeSpan.FromSeconds(1.3)), s => Assert.Contains(" at ", s.Record.StatusDescription));
            Assert.Contains(sending, s => s.At - first > TimeSpan.FromSeconds(1.3));
            // Its bar is completed once, under the batch bar.
            var completed = seen.Where(s => s.Record.Activity == "Sending big.wav" && s.Record.RecordType == ProgressRecordType.Completed).ToList();
            Assert.Equal(4242, Assert.Single(completed).Record.ParentActivityId);
            Assert.Equal(lane[0].Record.ActivityId, completed[0].Record.ActivityId);
            // The batch bar counts the bytes the upload in flight has sent.
            var batchBar = seen.Where(s => s.Record.ActivityId == 4242 && s.Record.RecordType == ProgressRecordType.Processing).Select(s => s.Record.StatusDescription).ToList();
            Assert.Contains(batchBar, status => System.Text.RegularExpressions.Regex.IsMatch(status, @"^0 of 2 files \(0 done, 0 failed, 1 sending\), [1-7]\.\d MiB sent$"));
        }

        [Fact]
        public void WhatIfValidatesEveryFileReportsWhatWouldBeSentAndSendsNothing()
        {
            var host = new RecordingHost();
            using var session = new PwshSession(host: host);
            string baseUri = session.Run("(Start-AlpharunSandbox).BaseUri.AbsoluteUri").ThrowIfFailed().Output.Single().ToString();
            string good1 = _sandbox.Files.Create("good-1.wav", seed: 1);
            string empty = _sandbox.Files.Create("empty.wav", 0);
            string good2 = _sandbox.Files.Create("good-2.wav", seed: 2);
            string missing = Path.Combine(_sandbox.Files.Folder, "missing.wav");

            PwshResult result = session.Run("$args | " + Send + " -WhatIf", good1, empty, good2, missing);

            Assert.Empty(result.Output);
            Assert.Equal(new[] { "EmptyFile" + Cmdlet, "FileNotFound" + Cmdlet }, result.ErrorIds);
            Assert.Equal(new object[] { empty, missing }, result.Errors.Select(e => e.TargetObject));
            Assert.Equal(
                new[] { good1, good2 }.Select(f => $"What if: Performing the operation \"Upload recording to {baseUri} as teammate ana@acme.com\" on target \"{f}\".").ToArray(),
                host.Lines.ToArray());
            Assert.Equal(0, (int)session.Run("@(Get-AlpharunSandboxRecording).Count").ThrowIfFailed().Output.Single().BaseObject);
        }

        [Fact]
        public void ProgressIsRefreshedAtMostFourTimesASecond()
        {
            // A batch of about two seconds: the first file's answer is held back 1.5 s, then 60 small files follow
            // one at a time. Each refresh writes the batch bar once; when each refresh arrived is taken as it is written.
            string[] files = CreateFiles(60, length: 1024);
            _sandbox.Run("Add-AlpharunSandboxFault -Stall '00:00:01.5'").ThrowIfFailed();
            var clock = Stopwatch.StartNew();
            var refreshes = new List<TimeSpan>();
            using var ps = _sandbox.Session.CreatePipeline();
            ps.Streams.Progress.DataAdded += (_, e) =>
            {
                ProgressRecord record = ps.Streams.Progress[e.Index];
                if (record.ActivityId == 4242 && record.RecordType == ProgressRecordType.Processing) refreshes.Add(clock.Elapsed);
            };
            ps.AddScript("$args | " + Send + " -ThrottleLimit 1");
            foreach (string file in files) ps.AddArgument(file);

            var output = ps.Invoke();

            Assert.Equal(60, output.Count);
            Assert.True(refreshes.Count >= 4, $"{refreshes.Count} refreshes in {clock.Elapsed.TotalSeconds:0.0} s");
            var gaps = refreshes.Zip(refreshes.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToArray();
            // 250 ms apart by the cmdlet's clock; this clock reads each as it is written, a little later, by how much
            // depends on the scheduler: 50 ms of that is allowed. Unthrottled, refreshes come milliseconds apart.
            Assert.True(gaps.Min() >= 200, "refreshes apart by (ms): " + string.Join(", ", gaps.Select(g => g.ToString("0"))));
        }

        [Fact]
        public void CsvRowsWhoseContactDiffersOnlyInCaseAreEachSentAsWritten()
        {
            string[] files = CreateFiles(3);
            string csv = Path.Combine(_sandbox.Files.Folder, "batch.csv");
            File.WriteAllLines(csv, new[]
            {
                "path,teammate_email,contacts,recorded_at",
                $"\"{files[0]}\",ana@acme.com,Bob@Client.com,2024-01-15T14:30:00Z",
                $"\"{files[1]}\",ana@acme.com,bob@client.com,2024-01-15T14:30:00Z",
                $"\"{files[2]}\",ana@acme.com,bob@client.com,2024-01-15T14:30:00Z",
            });

            PwshResult result = _sandbox.Run("Import-Csv -LiteralPath $args[0] | Send-AlpharunRecording", csv).ThrowIfFailed();

            Assert.Equal(new[] { "Bob@Client.com", "bob@client.com", "bob@client.com" }, result.Output.Select(o => (string)o.Properties["Contacts"].Value));
            Assert.Equal(
                new[] { "[{\"email\":\"Bob@Client.com\"}]", "[{\"email\":\"bob@client.com\"}]", "[{\"email\":\"bob@client.com\"}]" },
                _sandbox.ReceivedContactsJson());
        }

        [Fact]
        public void BlankRecordedAtAndPlaybookIdCellsAreNotGiven()
        {
            // Blank: the recording's last write time and the API's routing rules, as if the columns were absent.
            string file = CreateFiles(1)[0];
            var written = new DateTimeOffset(2024, 3, 5, 9, 15, 0, TimeSpan.Zero);
            File.SetLastWriteTimeUtc(file, written.UtcDateTime);
            string csv = Path.Combine(_sandbox.Files.Folder, "batch.csv");
            File.WriteAllLines(csv, new[] { "path,teammate_email,contacts,recorded_at,playbook_id", $"\"{file}\",ana@acme.com,bob@client.com,,  " });

            PwshResult result = _sandbox.Run("Import-Csv -LiteralPath $args[0] | Send-AlpharunRecording", csv).ThrowIfFailed();

            Assert.Equal("LastWriteTime", result.Property<string>(0, "RecordedAtSource"));
            Assert.Equal(written, DateTimeOffset.Parse(result.Property<string>(0, "RecordedAt"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Null(result.Output[0].Properties["PlaybookId"].Value);
            PSObject received = Assert.Single(_sandbox.Received());
            Assert.Null(received.Properties["PlaybookId"].Value);
            Assert.Equal(written, (DateTimeOffset)received.Properties["RecordedAtParsed"].Value);
        }

        [Fact]
        public void ClosingTheRunspaceStopsItsSandbox()
        {
            var session = new PwshSession();
            int port = (int)session.Run("(Start-AlpharunSandbox).Port").ThrowIfFailed().Output.Single().BaseObject;
            Assert.True(LoopbackPort.Accepts(port), "the sandbox listens");

            session.Runspace.Close();

            Poll.Until(() => !LoopbackPort.Accepts(port), $"the sandbox's port {port} refused connections after its runspace closed", TimeSpan.FromSeconds(10));
            session.Dispose();
        }
    }
}
