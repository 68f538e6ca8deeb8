using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Threading;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// A file replaced while it waits for its turn (issue 16): the journal records the bytes that were sent, so when the
    /// original is put back with its own time it is sent, and the replacement that was sent is skipped.
    /// </summary>
    public sealed class JournalReplacedFileTests : IDisposable
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        private string JournalPath => Path.Combine(_sandbox.Files.Folder, "state", "run.journal");

        private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

        [Fact]
        public void AFileReplacedWhileItWaitsIsJournaledAsTheBytesThatWereSent()
        {
            string first = _sandbox.Files.Create("first.wav", 64 * 1024, seed: 1);
            string second = _sandbox.Files.Create("second.wav", 64 * 1024, seed: 2);
            byte[] original = File.ReadAllBytes(second);
            DateTime originalTime = new DateTime(2024, 3, 5, 19, 30, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(second, originalTime);
            byte[] replacement = new byte[original.Length];
            new Random(3).NextBytes(replacement);
            DateTime replacementTime = originalTime.AddMinutes(10);
            // The first upload's answer is held, so the second file, already checked, waits for its turn (-ThrottleLimit 1).
            _sandbox.Run("Add-AlpharunSandboxFault -Stall '00:00:05'").ThrowIfFailed();
            PSObject server = _sandbox.Server();

            using (var ps = _sandbox.Session.CreatePipeline())
            {
                ps.AddScript("$args[1..2] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -Journal $args[0] -Verbose")
                    .AddArgument(JournalPath).AddArgument(first).AddArgument(second);
                IAsyncResult running = ps.BeginInvoke();
                // The second file has been planned (its recorded_at note is written before it waits for a slot).
                var clock = Stopwatch.StartNew();
                while (!ps.Streams.Verbose.ToArray().Any(v => v.Message.Contains($"'{second}'", StringComparison.Ordinal)))
                {
                    if (clock.Elapsed > Deadline || running.IsCompleted) throw new TimeoutException("The second file was never planned while the first waited for its answer.");
                    Thread.Sleep(10); // the poll interval (the loop has a deadline), not a wait for something
                }
                // The premise: it has not been sent yet (at most the first file's request has reached the sandbox).
                Assert.True((int)server.Properties["UploadRequestCount"].Value <= 1);
                File.WriteAllBytes(second, replacement);
                File.SetLastWriteTimeUtc(second, replacementTime);
                PSObject[] sent = ps.EndInvoke(running).ToArray();
                Assert.Empty(ps.Streams.Error);
                Assert.Equal(new[] { "Created", "Created" }, sent.Select(o => o.Properties["Status"].Value.ToString()));
            }
            Assert.Equal(Sha256(replacement), (string)_sandbox.Received().Single(r => (string)r.Properties["FileName"].Value == "second.wav").Properties["Sha256"].Value);

            // The original put back with its own time was never sent: it is sent now.
            File.WriteAllBytes(second, original);
            File.SetLastWriteTimeUtc(second, originalTime);
            PSObject resent = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args[1] -Teammate ana@acme.com -Contact bob@client.com -Journal $args[0]", JournalPath, second)
                .ThrowIfFailed().Output.Single();
            Assert.Equal("Created", resent.Properties["Status"].Value.ToString());
            Assert.Contains(Sha256(original), _sandbox.Received().Where(r => (string)r.Properties["FileName"].Value == "second.wav").Select(r => (string)r.Properties["Sha256"].Value));

            // The replacement, which was sent, is skipped.
            File.WriteAllBytes(second, replacement);
            File.SetLastWriteTimeUtc(second, replacementTime);
            PSObject skipped = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args[1] -Teammate ana@acme.com -Contact bob@client.com -Journal $args[0]", JournalPath, second)
                .ThrowIfFailed().Output.Single();
            Assert.Equal("Skipped", skipped.Properties["Status"].Value.ToString());
        }
    }
}
