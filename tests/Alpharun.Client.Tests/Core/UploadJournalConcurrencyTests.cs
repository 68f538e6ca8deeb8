using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The uploads of a batch journal their answers from their own tasks, at the same time.</summary>
    public class UploadJournalConcurrencyTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        [Fact]
        public void EntriesRecordedFromManyThreadsAtOnceAreAllWholeLinesOnDisk()
        {
            string journalPath = Path.Combine(_files.Folder, "batch.jsonl");
            var requests = Enumerable.Range(0, 64)
                .Select(i => new RecordingUploadRequest(_files.Create($"f{i}.wav", 16, seed: i), "ana@acme.com", new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.Zero), new[] { new Contact(email: "bob@client.com") }))
                .ToArray();
            using (UploadJournal journal = UploadJournal.Open(journalPath))
            {
                Parallel.ForEach(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, request =>
                    journal.Record(UploadJournal.KeyOf(request), new RecordingUpload(request, 16, RecordingUploadStatus.Created, Guid.NewGuid(), 201, TimeSpan.Zero, 1)));
                Assert.Equal(64, journal.Count);
            }

            using UploadJournal reopened = UploadJournal.Open(journalPath);
            Assert.Equal(64, reopened.Count);
            Assert.Equal(0, reopened.IgnoredLines);
            Assert.All(requests, r => Assert.True(reopened.TryGet(UploadJournal.KeyOf(r), out _)));
        }

        [Fact]
        public void AnEntryRecordedAfterTheJournalIsClosedThrowsObjectDisposedException()
        {
            var request = new RecordingUploadRequest(_files.Create("a.wav"), "ana@acme.com", DateTimeOffset.UtcNow, new[] { new Contact(email: "bob@client.com") });
            UploadJournal journal = UploadJournal.Open(Path.Combine(_files.Folder, "closed.jsonl"));
            journal.Dispose();

            Assert.Throws<ObjectDisposedException>(() => journal.Record(UploadJournal.KeyOf(request), new RecordingUpload(request, 1, RecordingUploadStatus.Created, Guid.NewGuid(), 201, TimeSpan.Zero, 1)));
        }
    }
}
