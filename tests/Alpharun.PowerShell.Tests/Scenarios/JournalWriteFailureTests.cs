using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// A journal on a disk that fills up mid-batch (README "Journal": one JournalWriteFailed naming the journal and
    /// counting the accepted uploads it could not record; they are still output). The same case as Pester's
    /// Journal.Tests.ps1, here where the mutation tool sees it: a 64 KiB tmpfs, 60 KiB taken by a filler.
    /// </summary>
    public sealed class JournalWriteFailureTests : IDisposable
    {
        private readonly SandboxedSession _sandbox = new SandboxedSession();
        private readonly string _state;
        private bool _mounted;

        public JournalWriteFailureTests()
        {
            _state = Path.Combine(_sandbox.Files.Folder, "state");
            Directory.CreateDirectory(_state);
        }

        public void Dispose()
        {
            if (_mounted) Security.Platform.RunTool("umount", "-l", _state);
            _sandbox.Dispose();
        }

        [FullDiskFact]
        public void OnAFullDiskEveryAcceptedUploadIsOutputAndOneJournalWriteFailedCountsThoseNotJournaled()
        {
            Assert.Equal(0, Security.Platform.RunTool("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", _state));
            _mounted = true;
            // The journal gets one 4 KiB page: room for a few lines, not for 20.
            File.WriteAllBytes(Path.Combine(_state, "filler"), new byte[61440]);
            string journal = Path.Combine(_state, "uploads.journal");
            object[] files = Enumerable.Range(1, 20).Select(i => (object)_sandbox.Files.Create($"call-{i:00}.wav", 8 * 1024, seed: i)).ToArray();

            PwshResult result = _sandbox.Run(
                "$journal = $args[0]; $args[1..($args.Count - 1)] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -Journal $journal -SummaryVariable summary",
                new object[] { journal }.Concat(files).ToArray());
            PSObject summary = _sandbox.Run("$summary").ThrowIfFailed().Output.Single();

            ErrorRecord error = result.SingleError();
            Assert.Equal("JournalWriteFailed" + SandboxedSession.Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
            Assert.Equal(journal, error.TargetObject);
            // Every upload the API accepted was output, and nothing else.
            Guid[] output = result.Output.Select(o => (Guid)o.Properties["RecordingId"].Value).OrderBy(g => g).ToArray();
            Assert.Equal(_sandbox.Received().Select(r => (Guid)r.Properties["RecordingId"].Value).OrderBy(g => g), output);
            Assert.InRange(output.Length, 2, 19);
            // The journal holds whole lines, each of an output upload; the rest are counted in the error.
            Guid[] journaled = File.ReadAllText(journal).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Where(line => line.TryGetProperty("recording_id", out _))
                .Select(line => Guid.Parse(line.GetProperty("recording_id").GetString()!)).ToArray();
            Assert.NotEmpty(journaled);
            Assert.Subset(output.ToHashSet(), journaled.ToHashSet());
            int missing = output.Length - journaled.Length;
            Assert.InRange(missing, 1, output.Length - 1);
            string them = missing == 1 ? "1 of them is not in the journal, so running the same command again may send it again" : $"{missing} of them are not in the journal, so running the same command again may send them again";
            Assert.Equal($"The journal '{journal}' could not be written: the disk holding '{_state}' is full. Free some space, or choose a folder on another disk. The batch stopped; {output.Length} uploads the API accepted were output, and {them} (the API answers 200, AlreadyExisted, with the same id for a recording it already has).", error.Exception.Message);
            Assert.Equal(("JournalWriteFailed", 2, output.Length), (summary.Properties["StoppedBy"].Value?.ToString(), Convert.ToInt32(summary.Properties["ExitCode"].Value), Convert.ToInt32(summary.Properties["Created"].Value)));
        }
    }

    /// <summary>A fact that needs a full disk: Linux, root (to mount a 64 KiB tmpfs) and the mount command.</summary>
    internal sealed class FullDiskFactAttribute : FactAttribute
    {
        public FullDiskFactAttribute()
        {
            if (!OperatingSystem.IsLinux()) Skip = "A full disk is made with a tmpfs mount, which needs Linux.";
            else if (Environment.UserName != "root") Skip = "Mounting a 64 KiB tmpfs needs root.";
            else if (!File.Exists("/bin/mount") && !File.Exists("/usr/bin/mount")) Skip = "No mount command.";
        }
    }
}
