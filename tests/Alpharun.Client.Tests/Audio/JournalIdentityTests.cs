using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static Alpharun.Tests.JournalTestKit;

namespace Alpharun.Tests
{
    /// <summary>
    /// How the planner finds a file in the journal: by path, size and last write time without reading it (the quick
    /// check), else by the bytes it sent, so a touched, moved or copied file is the same recording and a changed one
    /// is not; recorded_at from the last write time is not part of the key, a given or embedded one is.
    /// </summary>
    public sealed class JournalIdentityTests : IDisposable
    {
        private static readonly DateTimeOffset Given = new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5));
        private readonly TempFiles _files = new TempFiles();

        public JournalIdentityTests()
        {
            JournalPath = Path.Combine(_files.Folder, "state", "run.journal");
        }

        public void Dispose() => _files.Dispose();

        private string JournalPath { get; }

        private UploadPlan PlanAgain(string path, RecordingFields fields)
        {
            using UploadJournal journal = UploadJournal.Open(JournalPath);
            return new UploadPlanner(journal).Plan(path, fields);
        }

        private async Task<RecordingUpload> FirstRunAsync(string path, RecordingFields fields)
        {
            using UploadJournal journal = UploadJournal.Open(JournalPath);
            return await SendAndRecordAsync(journal, path, fields);
        }

        [Fact]
        public async Task TheQuickCheckSkipsAFileWithoutReadingAnyOfItsBytes()
        {
            string path = Wav(_files, "call.wav", seed: 1);
            RecordingUpload sent = await FirstRunAsync(path, Fields());
            // Same path, size and last write time, other bytes: had the planner read them (the content check, a hash),
            // it would have refused a PDF or sent new content. It skips: nothing was read.
            ReplaceWithGarbageKeepingItsTime(path);

            UploadPlan plan = PlanAgain(path, Fields());

            Assert.Equal(UploadPlanKind.Skip, plan.Kind);
            Assert.Null(plan.Request);
            Assert.Equal(sent.RecordingId, plan.Result!.RecordingId);
            Assert.Contains(plan.Notes, n => n.StartsWith($"'{path}': skipped without reading it: the journal shows this path, size and last write time accepted as recording {sent.RecordingId} on ", StringComparison.Ordinal));
        }

        [Fact]
        public async Task ASkipFromTheQuickCheckShowsWhatWasSent()
        {
            string path = Wav(_files, "call.wav", seed: 1, frames: 12000, bextDate: "2024-03-05 14:30:00");
            RecordingUpload sent = await FirstRunAsync(path, Fields(playbook: Guid.Parse("11111111-2222-4333-8444-555555555555")));

            RecordingUpload skipped = PlanAgain(path, Fields(playbook: Guid.Parse("11111111-2222-4333-8444-555555555555"))).Result!;

            Assert.Equal(RecordingUploadStatus.Skipped, skipped.Status);
            Assert.Equal(sent.RecordingId, skipped.RecordingId);
            Assert.Equal(path, skipped.Path);
            Assert.Equal("call.wav", skipped.FileName);
            Assert.Equal(sent.Length, skipped.Length);
            Assert.Equal(RecordedAtFormat.Format(sent.RecordedAt), RecordedAtFormat.Format(skipped.RecordedAt));
            Assert.Equal(RecordedAtSource.Metadata, skipped.RecordedAtSource);
            Assert.Equal("audio/wav", skipped.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(1.5), skipped.AudioDuration);
            Assert.Equal("ana@acme.com", skipped.Teammate);
            Assert.Equal(sent.PlaybookId, skipped.PlaybookId);
            Assert.Equal("bob@client.com", Assert.Single(skipped.Contacts).Email);
            Assert.Equal(0, skipped.HttpStatus);
            Assert.Equal(0, skipped.Attempts);
        }

        [Fact]
        public async Task ATouchedFileWithoutAnEmbeddedDateIsSkippedAndItsNewTimeIsRecordedForTheQuickCheck()
        {
            // No bext date: recorded_at is the last write time, which is not part of the key.
            string path = Wav(_files, "call.wav", seed: 1);
            RecordingUpload sent = await FirstRunAsync(path, Fields());
            File.SetLastWriteTimeUtc(path, new DateTime(2024, 6, 1, 8, 0, 0, DateTimeKind.Utc));

            UploadPlan plan = PlanAgain(path, Fields());

            Assert.Equal(UploadPlanKind.Skip, plan.Kind);
            Assert.Equal(sent.RecordingId, plan.Result!.RecordingId);
            // The Skipped result shows the recorded_at that was sent, not the new time.
            Assert.Equal(sent.RecordedAt, plan.Result.RecordedAt);
            Assert.Equal(2, Lines(JournalPath).Count);
            Assert.Equal("2024-06-01T08:00:00.0000000Z", Lines(JournalPath)[1].GetProperty("last_write").GetString());
            // The next run finds it by its new time without reading it.
            ReplaceWithGarbageKeepingItsTime(path);
            UploadPlan next = PlanAgain(path, Fields());
            Assert.Equal(UploadPlanKind.Skip, next.Kind);
            Assert.Null(next.Request);
            Assert.Equal(2, Lines(JournalPath).Count);
        }

        [Fact]
        public async Task TenTouchedFilesWithoutAnEmbeddedDateAreAllSkipped()
        {
            string[] paths = Enumerable.Range(1, 10).Select(i => Wav(_files, $"call-{i:00}.wav", seed: i)).ToArray();
            using (UploadJournal journal = UploadJournal.Open(JournalPath))
            {
                foreach (string path in paths) await SendAndRecordAsync(journal, path, Fields());
            }
            foreach (string path in paths) File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-5));

            using UploadJournal reopened = UploadJournal.Open(JournalPath);
            var planner = new UploadPlanner(reopened);
            Assert.All(paths, p => Assert.Equal(UploadPlanKind.Skip, planner.Plan(p, Fields()).Kind));
        }

        [Fact]
        public async Task AMovedFileIsSkippedAndItsNewPathIsRecordedForTheQuickCheck()
        {
            string path = Wav(_files, "call.wav", seed: 1);
            RecordingUpload sent = await FirstRunAsync(path, Fields());
            string moved = Path.Combine(_files.Folder, "archive", "2024", "call.wav");
            Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
            File.Move(path, moved);

            UploadPlan plan = PlanAgain(moved, Fields());

            Assert.Equal(UploadPlanKind.Skip, plan.Kind);
            Assert.Equal(sent.RecordingId, plan.Result!.RecordingId);
            Assert.Equal(moved, plan.Result.Path);
            Assert.Equal(moved, Lines(JournalPath)[1].GetProperty("path").GetString());
            ReplaceWithGarbageKeepingItsTime(moved);
            Assert.Null(PlanAgain(moved, Fields()).Request);
        }

        [Fact]
        public async Task ACopiedIdenticalFileIsTheSameRecording()
        {
            string path = Wav(_files, "call.wav", seed: 1);
            RecordingUpload sent = await FirstRunAsync(path, Fields());
            string copy = Path.Combine(_files.Folder, "copy of call.wav");
            File.Copy(path, copy);
            File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddDays(-2));

            UploadPlan plan = PlanAgain(copy, Fields());

            Assert.Equal(UploadPlanKind.Skip, plan.Kind);
            Assert.Equal(sent.RecordingId, plan.Result!.RecordingId);
        }

        [Fact]
        public async Task AFileChangedInPlaceIsSentAgain()
        {
            string path = Wav(_files, "call.wav", seed: 1);
            await FirstRunAsync(path, Fields());
            byte[] bytes = File.ReadAllBytes(path);
            bytes[2000] ^= 0x55;
            File.WriteAllBytes(path, bytes);

            Assert.Equal(UploadPlanKind.Send, PlanAgain(path, Fields()).Kind);
        }

        [Fact]
        public async Task AFileChangedAtTheEndWithItsFirstBytesAndSizeKeptIsSentAgain()
        {
            // Same size and same first 4 KiB as the entry: the file is hashed before it is sent, and the hash differs.
            string path = Wav(_files, "call.wav", seed: 1, frames: 20000);
            await FirstRunAsync(path, Fields());
            byte[] bytes = File.ReadAllBytes(path);
            bytes[bytes.Length - 1] ^= 0x55;
            File.WriteAllBytes(path, bytes);

            Assert.Equal(UploadPlanKind.Send, PlanAgain(path, Fields()).Kind);
        }

        [Theory]
        [InlineData("recorded_at")]
        [InlineData("teammate")]
        [InlineData("playbook")]
        [InlineData("contacts")]
        public async Task AnotherFieldFromTheCallerIsAnotherUpload(string field)
        {
            string path = Wav(_files, "call.wav", seed: 1);
            await FirstRunAsync(path, Fields(recordedAt: Given));
            RecordingFields changed = field switch
            {
                "recorded_at" => Fields(recordedAt: Given.AddSeconds(1)),
                "teammate" => Fields(recordedAt: Given, teammate: "li@acme.com"),
                "playbook" => Fields(recordedAt: Given, playbook: Guid.Parse("11111111-2222-4333-8444-555555555555")),
                "contacts" => new RecordingFields("ana@acme.com", new[] { new Contact(email: "bob@client.com", firstName: "Bob") }, Given),
                _ => throw new ArgumentOutOfRangeException(nameof(field)),
            };

            Assert.Equal(UploadPlanKind.Send, PlanAgain(path, changed).Kind);
            Assert.Equal(UploadPlanKind.Skip, PlanAgain(path, Fields(recordedAt: Given)).Kind);
        }

        [Fact]
        public async Task TheTeammatesCaseDoesNotMakeAnotherUpload()
        {
            string path = Wav(_files, "call.wav", seed: 1);
            await FirstRunAsync(path, Fields(teammate: "Ana@Acme.com"));
            Assert.Equal(UploadPlanKind.Skip, PlanAgain(path, Fields(teammate: "ana@acme.com")).Kind);
        }

        [Fact]
        public async Task ATouchedCopyGivenAnotherRecordedAtIsSent()
        {
            // A recorded_at given explicitly is part of the content key: the same bytes with another one are another upload.
            string path = Wav(_files, "call.wav", seed: 1);
            await FirstRunAsync(path, Fields(recordedAt: Given));
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
            Assert.Equal(UploadPlanKind.Send, PlanAgain(path, Fields(recordedAt: Given.AddHours(1))).Kind);
            Assert.Equal(UploadPlanKind.Skip, PlanAgain(path, Fields(recordedAt: Given)).Kind);
        }

        [Fact]
        public async Task AFileReplacedWhileItWaitsIsJournaledWithTheBytesThatWereSent()
        {
            string path = Wav(_files, "call.wav", seed: 1);
            DateTime originalTime = File.GetLastWriteTimeUtc(path);
            byte[] original = File.ReadAllBytes(path);
            using (UploadJournal journal = UploadJournal.Open(JournalPath))
            {
                UploadPlan plan = new UploadPlanner(journal).Plan(path, Fields());
                // Planned (checked) with the original bytes; replaced before its turn comes.
                Wav(_files, "call.wav", seed: 2);
                File.SetLastWriteTimeUtc(path, originalTime.AddMinutes(10));
                RecordingUpload upload = await SendAsync(plan);
                journal.Record(plan, upload);
            }
            byte[] replacement = File.ReadAllBytes(path);

            // The original put back, with its own time: it was never sent, so it is sent now.
            File.WriteAllBytes(path, original);
            File.SetLastWriteTimeUtc(path, originalTime);
            Assert.Equal(UploadPlanKind.Send, PlanAgain(path, Fields()).Kind);

            // The replacement, which was sent, is skipped.
            File.WriteAllBytes(path, replacement);
            File.SetLastWriteTimeUtc(path, originalTime.AddMinutes(10));
            Assert.Equal(UploadPlanKind.Skip, PlanAgain(path, Fields()).Kind);
        }

        [Fact]
        public async Task AnUploadWhoseBodyDidNotGoOutWholeIsRecordedButNeverSkipped()
        {
            // The API answered before the body was sent whole (no digest): the line keeps the id for the record and
            // no key, so nothing is ever skipped on the strength of bytes that were not sent.
            string path = Wav(_files, "call.wav", seed: 1);
            Guid id;
            using (UploadJournal journal = UploadJournal.Open(JournalPath))
            {
                UploadPlan plan = new UploadPlanner(journal).Plan(path, Fields());
                RecordingUpload upload = Accepted(plan.Request!, new FileInfo(path).Length);
                id = upload.RecordingId;
                journal.Record(plan, upload);
            }

            JsonElement line = Assert.Single(Lines(JournalPath));
            Assert.Equal(id, line.GetProperty("recording_id").GetGuid());
            Assert.False(line.TryGetProperty("key", out _));
            Assert.False(line.TryGetProperty("quick", out _));
            using UploadJournal reopened = UploadJournal.Open(JournalPath);
            Assert.Equal(1, reopened.Count);
            Assert.Equal(UploadPlanKind.Send, new UploadPlanner(reopened).Plan(path, Fields()).Kind);
            await Task.CompletedTask;
        }

        [Fact]
        public async Task AVersion2JournalIsStillReadAndItsFilesAreFoundByContentThenByTheQuickCheck()
        {
            string path = Wav(_files, "call.wav", seed: 1);
            Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
            var request = new RecordingUploadRequest(path, "ana@acme.com", Given, Bob);
            var id = Guid.NewGuid();
            File.WriteAllText(JournalPath, UploadJournalTests.Version2Line(Version2Key(request), new FileInfo(path).Length, id) + "\n");

            UploadPlan plan = PlanAgain(path, Fields(recordedAt: Given));

            Assert.Equal(UploadPlanKind.Skip, plan.Kind);
            Assert.Equal(id, plan.Result!.RecordingId);
            Assert.Equal(Given, plan.Result.RecordedAt);
            // The match was written as a version 3 line: the next run does not read the file.
            Assert.Equal(3, Lines(JournalPath)[1].GetProperty("v").GetInt32());
            ReplaceWithGarbageKeepingItsTime(path);
            UploadPlan next = PlanAgain(path, Fields(recordedAt: Given));
            Assert.Equal(UploadPlanKind.Skip, next.Kind);
            Assert.Equal(id, next.Result!.RecordingId);
        }

        /// <summary>The key a version 2 journal wrote (UploadJournal.KeyOf before issue 16), spelled out here on purpose.</summary>
        private static string Version2Key(RecordingUploadRequest request)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            string content = Convert.ToHexString(sha.ComputeHash(File.ReadAllBytes(request.FilePath))).ToLowerInvariant();
            string material = "alpharun-journal-v2\n" + new FileInfo(request.FilePath).Length + "\n" + content + "\n" + request.Teammate.ToLowerInvariant() + "\n"
                + RecordedAtFormat.Format(request.RecordedAt) + "\n-\n" + System.Text.Encoding.UTF8.GetString(ContactsJson.Encode(request.Contacts));
            return Convert.ToHexString(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(material))).ToLowerInvariant();
        }
    }
}
