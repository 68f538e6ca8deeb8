using System;
using System.IO;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
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

        [Theory]
        [InlineData("content")]
        [InlineData("size")]
        [InlineData("teammate")]
        [InlineData("recorded_at")]
        [InlineData("playbook")]
        [InlineData("contacts")]
        public void KeyChangesWhenOnlyThatKeyFieldChanges(string field)
        {
            var lastWrite = new DateTime(2024, 1, 15, 19, 30, 0, DateTimeKind.Utc);
            string path = _files.Create("a.wav", 1000);
            File.SetLastWriteTimeUtc(path, lastWrite);
            var recordedAt = new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5));
            var playbook = Guid.Parse("11111111-2222-4333-8444-555555555555");
            Contact[] contacts = { new Contact(email: "bob@client.com") };
            var original = new RecordingUploadRequest(path, "ana@acme.com", recordedAt, contacts, playbook);
            string key = UploadJournal.KeyOf(original);

            RecordingUploadRequest changed;
            switch (field)
            {
                case "content":
                    // Same path, size and last write time: only the bytes differ.
                    byte[] bytes = File.ReadAllBytes(path);
                    bytes[500] ^= 0xFF;
                    File.WriteAllBytes(path, bytes);
                    File.SetLastWriteTimeUtc(path, lastWrite);
                    changed = original;
                    break;
                case "size":
                    // Same path and the same last write time: only the length differs.
                    File.WriteAllBytes(path, new byte[1001]);
                    File.SetLastWriteTimeUtc(path, lastWrite);
                    changed = original;
                    break;
                case "teammate":
                    changed = new RecordingUploadRequest(path, "li@acme.com", recordedAt, contacts, playbook);
                    break;
                case "recorded_at":
                    changed = new RecordingUploadRequest(path, "ana@acme.com", recordedAt.AddSeconds(1), contacts, playbook);
                    break;
                case "playbook":
                    changed = new RecordingUploadRequest(path, "ana@acme.com", recordedAt, contacts, null);
                    break;
                case "contacts":
                    changed = new RecordingUploadRequest(path, "ana@acme.com", recordedAt, new[] { new Contact(email: "bob@client.com", firstName: "Bob") }, playbook);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(field), field, null);
            }

            Assert.NotEqual(key, UploadJournal.KeyOf(changed));
        }

        [Fact]
        public void KeyIsTheSameForTheSameFileAndFieldsWhateverTheTeammatesCase()
        {
            string path = _files.Create("a.wav");
            Assert.Equal(UploadJournal.KeyOf(Request(path, "Ana@Acme.com")), UploadJournal.KeyOf(Request(path, "ana@acme.com")));
            Assert.Matches("^[0-9a-f]{64}$", UploadJournal.KeyOf(Request(path)));
        }

        [Fact]
        public void RecordFlushesTheLineToDiskBeforeReturning()
        {
            var request = Request(_files.Create("a.wav"));
            using UploadJournal journal = UploadJournal.Open(JournalPath);
            using FlushRecordingStream observed = ObserveJournalStream(journal);

            journal.Record(UploadJournal.KeyOf(request), Created(request, Guid.NewGuid()));

            // The last thing Record does to the file is an fsync (Flush(flushToDisk: true)) after the line's bytes.
            Assert.Contains("write", observed.Calls);
            Assert.Equal("flush-to-disk", observed.Calls[observed.Calls.Count - 1]);
            Assert.Single(File.ReadAllText(JournalPath).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        /// <summary>
        /// Swaps the journal's writing stream (found by type and file name, not by field name) for one that records
        /// writes and flushes, on the same file: fsync is invisible from outside the process, so it is observed here.
        /// </summary>
        private static FlushRecordingStream ObserveJournalStream(UploadJournal journal)
        {
            FieldInfo field = typeof(UploadJournal).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
                .Single(f => f.FieldType == typeof(FileStream) && ((FileStream)f.GetValue(journal)!).Name == journal.Path);
            ((FileStream)field.GetValue(journal)!).Dispose();
            var replacement = new FlushRecordingStream(journal.Path);
            field.SetValue(journal, replacement);
            return replacement;
        }

        private sealed class FlushRecordingStream : FileStream
        {
            public FlushRecordingStream(string path)
                : base(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None)
            {
            }

            public List<string> Calls { get; } = new List<string>();

            public override void Write(byte[] buffer, int offset, int count)
            {
                Calls.Add("write");
                base.Write(buffer, offset, count);
            }

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                Calls.Add("write");
                base.Write(buffer);
            }

            public override void WriteByte(byte value)
            {
                Calls.Add("write");
                base.WriteByte(value);
            }

            public override void Flush(bool flushToDisk)
            {
                Calls.Add(flushToDisk ? "flush-to-disk" : "flush");
                base.Flush(flushToDisk);
            }
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
