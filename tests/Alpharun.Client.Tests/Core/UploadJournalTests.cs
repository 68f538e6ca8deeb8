using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace Alpharun.Tests
{
    public class UploadJournalTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private string JournalPath => Path.Combine(_files.Folder, "journal", "batch.jsonl");

        private static RecordingUploadRequest Request(string path, string teammate = "ana@acme.com") =>
            new RecordingUploadRequest(path, teammate, new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5)), new[] { new Contact(email: "bob@client.com") });

        private static RecordingUpload Created(RecordingUploadRequest request, Guid id) =>
            new RecordingUpload(request, 10L, RecordingUploadStatus.Created, id, 201, TimeSpan.Zero, 1);

        [Fact]
        public void RecordedFilesAreFoundAfterReopening()
        {
            var request = Request(_files.Create("a.wav"));
            string key = UploadJournal.KeyOf(request);
            var id = Guid.NewGuid();
            using (UploadJournal journal = UploadJournal.Open(JournalPath)) journal.Record(key, Created(request, id));

            using UploadJournal reopened = UploadJournal.Open(JournalPath);
            Assert.True(reopened.TryGet(key, out JournalEntry entry));
            Assert.Equal(id, entry.RecordingId);
            Assert.Equal(RecordingUploadStatus.Created, entry.Status);
            Assert.Equal(request.FilePath, entry.Path);
        }

        [Fact]
        public void KeyChangesWithTheFileOrAnyField()
        {
            string path = _files.Create("a.wav");
            string key = UploadJournal.KeyOf(Request(path));
            Assert.Equal(key, UploadJournal.KeyOf(Request(path)));
            Assert.NotEqual(key, UploadJournal.KeyOf(Request(path, "li@acme.com")));
            File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
            Assert.NotEqual(key, UploadJournal.KeyOf(Request(path)));
        }

        [Fact]
        public void ALineTornByACrashIsIgnoredAndTheNextEntryStaysReadable()
        {
            var first = Request(_files.Create("a.wav"));
            var second = Request(_files.Create("b.wav", seed: 2)); // other bytes: the journal knows a file by its content
            using (UploadJournal journal = UploadJournal.Open(JournalPath)) journal.Record(UploadJournal.KeyOf(first), Created(first, Guid.NewGuid()));
            File.AppendAllText(JournalPath, "{\"key\":\"abc\",\"path\":\"/x\",\"len", Encoding.UTF8);

            using (UploadJournal journal = UploadJournal.Open(JournalPath))
            {
                Assert.Equal(1, journal.Count);
                Assert.Equal(1, journal.IgnoredLines);
                journal.Record(UploadJournal.KeyOf(second), Created(second, Guid.NewGuid()));
            }

            using UploadJournal reopened = UploadJournal.Open(JournalPath);
            Assert.Equal(2, reopened.Count);
            Assert.True(reopened.TryGet(UploadJournal.KeyOf(second), out _));
        }

        [Fact]
        public void OneRunAtATimeHoldsAJournal()
        {
            using UploadJournal journal = UploadJournal.Open(JournalPath);
            Assert.ThrowsAny<IOException>(() => UploadJournal.Open(JournalPath));
        }

        [Fact]
        public void JournalHoldsNoContactDetails()
        {
            var request = Request(_files.Create("a.wav"));
            using (UploadJournal journal = UploadJournal.Open(JournalPath)) journal.Record(UploadJournal.KeyOf(request), Created(request, Guid.NewGuid()));
            string text = File.ReadAllText(JournalPath);
            Assert.DoesNotContain("bob@client.com", text);
            Assert.DoesNotContain("ana@acme.com", text);
            Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
