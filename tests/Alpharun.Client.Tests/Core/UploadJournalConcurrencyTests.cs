using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static Alpharun.Tests.JournalTestKit;

namespace Alpharun.Tests
{
    /// <summary>The uploads of a batch journal their answers from their own tasks, at the same time.</summary>
    public class UploadJournalConcurrencyTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        [Fact]
        public async Task EntriesRecordedFromManyThreadsAtOnceAreAllWholeLinesOnDisk()
        {
            string journalPath = Path.Combine(_files.Folder, "batch.jsonl");
            string[] paths = Enumerable.Range(0, 64).Select(i => Wav(_files, $"f{i}.wav", seed: i, frames: 100)).ToArray();
            using (UploadJournal journal = UploadJournal.Open(journalPath))
            {
                var planner = new UploadPlanner(journal);
                UploadPlan[] plans = paths.Select(p => planner.Plan(p, Fields())).ToArray();
                RecordingUpload[] uploads = await Task.WhenAll(plans.Select(p => SendAsync(p)));
                Parallel.For(0, plans.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => journal.Record(plans[i], uploads[i]));
                Assert.Equal(64, journal.Count);
            }

            using UploadJournal reopened = UploadJournal.Open(journalPath);
            Assert.Equal(64, reopened.Count);
            Assert.Equal(0, reopened.IgnoredLines);
            var again = new UploadPlanner(reopened);
            Assert.All(paths, p => Assert.Equal(UploadPlanKind.Skip, again.Plan(p, Fields()).Kind));
        }

        [Fact]
        public async Task AnEntryRecordedAfterTheJournalIsClosedThrowsObjectDisposedException()
        {
            string path = Wav(_files, "a.wav", seed: 1);
            UploadJournal journal = UploadJournal.Open(Path.Combine(_files.Folder, "closed.jsonl"));
            UploadPlan plan = new UploadPlanner(journal).Plan(path, Fields());
            RecordingUpload upload = await SendAsync(plan);
            journal.Dispose();

            Assert.Throws<ObjectDisposedException>(() => journal.Record(plan, upload));
        }
    }
}
