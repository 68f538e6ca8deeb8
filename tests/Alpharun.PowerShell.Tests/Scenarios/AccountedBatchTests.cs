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
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

        // The first file is sent alone, and the rest only once the sandbox has counted its request, so a fault queued
        // for "the first upload" is the first file's whatever the throttle limit.
        private const string FirstFileFirst = @"
            $journal = $args[0]; $files = @($args[1..($args.Count - 1)]); $server = Get-TestSandboxServer
            & { $files[0]; while ($server.UploadRequestCount -lt 1) { Start-Sleep -Milliseconds 10 }; $files[1..($files.Count - 1)] } |
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

        private static void WaitFor(Func<bool> condition, string what)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                if (clock.Elapsed > Deadline) throw new TimeoutException("Timed out waiting until " + what);
                Thread.Sleep(20);
            }
        }

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
            WaitFor(() => JournaledPaths().Length >= files.Length - 1 || running.IsCompleted, "the four later files are journaled");

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
            WaitFor(() => RecordedNames(server).Length == files.Length || running.IsCompleted, "the sandbox has accepted all five");
            ps.Stop();

            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            // The sandbox accepted all five but still holds back the first file's answer: the client cannot know of it.
            string[] answered = RecordedNames(server).Where(n => n != "call-01.wav").Select(n => Path.Combine(_sandbox.Files.Folder, n)).ToArray();
            Assert.Equal(4, answered.Length);
            Assert.Equal(answered.OrderBy(f => f), JournaledPaths().OrderBy(f => f));
        }
    }
}
