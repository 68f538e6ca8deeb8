using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// A journal on a disk with no room left (a 64 KiB tmpfs filled up), so no line can be written: the batch stops
    /// and its one error counts the accepted uploads, one ("was", "is", "it") or more ("were", "are", "them"), that
    /// the journal does not hold; a key rejected after such an upload says it could not be journaled instead of
    /// promising that a rerun skips it. Answers are held by a loopback API until the test releases them: no sleeps.
    /// </summary>
    public sealed class JournalFullDiskStopTests : IDisposable
    {
        private const string Cmdlet = ",Alpharun.Commands.SendAlpharunRecordingCommand";
        private const string Key = "(ConvertTo-SecureString 'sk_full_disk' -AsPlainText -Force)";
        private const string Send = "Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -MaxRetries 0";

        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();
        private readonly ScriptedApi _api = new ScriptedApi();
        private readonly string _state;
        private bool _mounted;

        public JournalFullDiskStopTests()
        {
            _state = Path.Combine(_files.Folder, "state");
            Directory.CreateDirectory(_state);
        }

        public void Dispose()
        {
            _api.Dispose();
            _session.Dispose();
            if (_mounted) Security.Platform.RunTool("umount", "-l", _state);
            _files.Dispose();
        }

        /// <summary>A journal path on a file system with no free page: it opens, and its first line cannot be written.</summary>
        private string FullDiskJournal()
        {
            Assert.Equal(0, Security.Platform.RunTool("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", _state));
            _mounted = true;
            using (var filler = new FileStream(Path.Combine(_state, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, 1))
            {
                byte[] page = new byte[4096];
                try
                {
                    while (true) filler.Write(page, 0, page.Length);
                }
                catch (IOException)
                {
                    // The disk is full.
                }
            }
            return Path.Combine(_state, "uploads.journal");
        }

        private string DiskFull => $"the disk holding '{_state}' is full. Free some space, or choose a folder on another disk.";

        private string Create(string name, int seed) => _files.Create(name, 16 * 1024, seed: seed);

        [FullDiskFact]
        public void OneAcceptedUploadTheJournalCouldNotHoldIsCountedAsOneThatARerunMaySendAgain()
        {
            string journal = FullDiskJournal();
            string[] files = { Create("call-01.wav", 1), Create("call-02.wav", 2) };

            PwshResult result = _session.Run("$uri = $args[0]; " + Send + " -ApiKey " + Key + " -LiteralPath $args[1..2] -BaseUri $uri -ThrottleLimit 1 -Journal $args[3]",
                _api.BaseUri, files[0], files[1], journal);

            Assert.Equal(new[] { "call-01.wav" }, result.Output.Select(o => (string)o.Properties["FileName"].Value));
            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("JournalWriteFailed" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
            Assert.Equal(journal, error.TargetObject);
            Assert.Equal($"The journal '{journal}' could not be written: {DiskFull} The batch stopped; 1 upload the API accepted was output, and 1 of them is not in the journal, "
                + "so running the same command again may send it again (the API answers 200, AlreadyExisted, with the same id for a recording it already has).", error.Exception.Message);
            Assert.Equal(new[] { "call-01.wav" }, _api.Arrived);
        }

        [FullDiskFact]
        public void TwoAcceptedUploadsTheJournalCouldNotHoldAreCountedAsTwoThatARerunMaySendAgain()
        {
            string journal = FullDiskJournal();
            string[] files = { Create("call-01.wav", 1), Create("call-02.wav", 2), Create("call-03.wav", 3) };
            // Both are in flight before either is answered, so neither journal failure can stop the batch before the other is sent.
            _api.Hold("call-01.wav").Hold("call-02.wav");
            using var run = new OrderedRun(_session, "$uri = $args[0]; " + Send + " -ApiKey " + Key + " -LiteralPath $args[1..3] -BaseUri $uri -ThrottleLimit 2 -Journal $args[4]",
                _api.BaseUri, files[0], files[1], files[2], journal);

            run.Start();
            Poll.Until(() => _api.Arrived.Count == 2, "call-01 and call-02 reached the API");
            _api.Release("call-01.wav");
            _api.Release("call-02.wav");
            IReadOnlyList<ErrorRecord> errors = run.End();

            Assert.Equal(new[] { "call-01.wav", "call-02.wav" }, run.Output.Select(o => (string)o.Properties["FileName"].Value));
            ErrorRecord error = Assert.Single(errors);
            Assert.Equal("JournalWriteFailed" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(journal, error.TargetObject);
            Assert.Equal($"The journal '{journal}' could not be written: {DiskFull} The batch stopped; 2 uploads the API accepted were output, and 2 of them are not in the journal, "
                + "so running the same command again may send them again (the API answers 200, AlreadyExisted, with the same id for a recording it already has).", error.Exception.Message);
            Assert.DoesNotContain("call-03.wav", _api.Arrived);
        }

        [FullDiskFact]
        public void AKeyRejectedAfterAnUploadTheJournalCouldNotHoldSaysARerunMaySendItAgain()
        {
            string journal = FullDiskJournal();
            string[] files = { Create("call-01.wav", 1), Create("call-02.wav", 2) };
            // call-01 gets the 401 once its bar is shown and call-02 has reached the API; call-02 is answered 201 (and fails to be journaled) only once
            // the 401 is being written out (call-01's bar completed), so the rejected key is what stops the batch.
            _api.Answer("call-01.wav", 401, ScriptedApi.InvalidKeyBody).Hold("call-01.wav").Hold("call-02.wav");
            using var run = new OrderedRun(_session, "$uri = $args[0]; " + Send + " -ApiKey " + Key + " -LiteralPath $args[1..2] -BaseUri $uri -ThrottleLimit 2 -Journal $args[3]",
                _api.BaseUri, files[0], files[1], journal);
            run.ProgressAdded = record =>
            {
                if (record.Activity != "Sending call-01.wav") return;
                // The bar is redrawn every 250 ms while call-01 waits: released once call-02 is on its way too.
                if (record.RecordType == ProgressRecordType.Processing) { if (_api.Arrived.Contains("call-02.wav")) _api.Release("call-01.wav"); }
                else _api.Release("call-02.wav");
            };

            run.Start();
            IReadOnlyList<ErrorRecord> errors = run.End();

            Assert.Equal(new[] { "call-02.wav" }, run.Output.Select(o => (string)o.Properties["FileName"].Value));
            ErrorRecord error = Assert.Single(errors);
            Assert.Equal("ApiKeyRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(files[0], error.TargetObject);
            Assert.EndsWith($" The batch stopped; 1 upload the API accepted before that was output, but 1 of them could not be journaled ({DiskFull}), "
                + "so running the same command again may send those again; the API answers 200 (AlreadyExisted) with the same id for a recording it has.", error.Exception.Message);
        }
    }
}
