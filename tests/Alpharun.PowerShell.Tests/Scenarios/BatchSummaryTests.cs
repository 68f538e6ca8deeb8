using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// What a batch tells while it runs and after it stops: the batch bar counts a file done when the API accepts it,
    /// and the run's summary (-SummaryVariable) holds what the API accepted when Stop ends the run.
    /// </summary>
    public sealed class BatchSummaryTests : IDisposable
    {
        private const string Key = "(ConvertTo-SecureString 'sk_batch_summary' -AsPlainText -Force)";
        private const string BatchActivity = "Uploading recordings to Alpharun";
        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();
        // call-01's answer is held until the test releases it; every other upload is answered 201 at once.
        private readonly ScriptedApi _api = new ScriptedApi().Hold("call-01.wav");

        public void Dispose()
        {
            _api.Dispose();
            _session.Dispose();
            _files.Dispose();
        }

        private System.Management.Automation.PowerShell StartBatch(int files, ManualResetEventSlim othersShownDone)
        {
            object[] paths = Enumerable.Range(1, files).Select(i => (object)_files.Create($"call-{i:00}.wav", 2048, seed: i)).ToArray();
            System.Management.Automation.PowerShell ps = _session.CreatePipeline();
            ps.AddScript("$uri = $args[0]; $args[1..($args.Count - 1)] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -BaseUri $uri -ApiKey " + Key + " -ThrottleLimit 4 -MaxRetries 0 -SummaryVariable run");
            ps.AddArgument(_api.BaseUri);
            foreach (object path in paths) ps.AddArgument(path);
            string othersDone = $"({files - 1} done, 0 failed, 1 sending)";
            ps.Streams.Progress.DataAdded += (sender, e) =>
            {
                ProgressRecord record = ((PSDataCollection<ProgressRecord>)sender!)[e.Index];
                if (record.Activity == BatchActivity && record.StatusDescription.Contains(othersDone)) othersShownDone.Set();
            };
            return ps;
        }

        [Fact]
        public void TheBatchBarCountsAFileDoneWhenTheApiAcceptsItNotWhenItsOutputIsWritten()
        {
            using var othersShownDone = new ManualResetEventSlim();
            using System.Management.Automation.PowerShell ps = StartBatch(4, othersShownDone);

            IAsyncResult running = ps.BeginInvoke();
            // Nothing can be output while call-01 waits for its answer (output keeps input order), yet the API has
            // accepted the three after it: the bar says so.
            bool shown = othersShownDone.Wait(TimeSpan.FromSeconds(30));
            _api.Release("call-01.wav");
            PSDataCollection<PSObject> output = ps.EndInvoke(running);

            Assert.True(shown, "the batch bar never showed the three accepted files as done while the first one waited for its answer: "
                + string.Join(" | ", ps.Streams.Progress.Where(p => p.Activity == BatchActivity).Select(p => p.StatusDescription).Distinct()));
            Assert.Equal(new[] { "call-01.wav", "call-02.wav", "call-03.wav", "call-04.wav" }, output.Select(o => (string)o.Properties["FileName"].Value));
            ProgressRecord last = ps.Streams.Progress.Last(p => p.Activity == BatchActivity);
            Assert.Equal(ProgressRecordType.Completed, last.RecordType);
            Assert.StartsWith("4 files (4 done, 0 failed), ", last.StatusDescription);
        }

        [Fact]
        public void StopLeavesASummaryThatSaysPipelineStoppedAndCountsWhatTheApiAccepted()
        {
            using var othersShownDone = new ManualResetEventSlim();
            using System.Management.Automation.PowerShell ps = StartBatch(4, othersShownDone);

            IAsyncResult running = ps.BeginInvoke();
            Assert.True(othersShownDone.Wait(TimeSpan.FromSeconds(30)), "the three files after the held one were accepted");
            ps.Stop();
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));

            PwshResult summary = _session.Run("$run.PSObject.TypeNames[0]; $run.StoppedBy; $run.Created; $run.Failed; $run.ExitCode").ThrowIfFailed();
            Assert.Equal(new object[] { "Alpharun.UploadSummary", "PipelineStopped", 3, 0, 2 }, summary.Output.Select(o => o.BaseObject));
        }
    }
}
