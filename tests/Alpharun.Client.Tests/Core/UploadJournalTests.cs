using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static Alpharun.Tests.JournalTestKit;

namespace Alpharun.Tests
{
    /// <summary>The journal file: what a line holds, how it is written and read back, one run at a time.</summary>
    public class UploadJournalTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private string JournalPath => Path.Combine(_files.Folder, "journal", "batch.jsonl");

        [Fact]
        public async Task AnAcceptedFileIsSkippedAfterReopeningWithItsId()
        {
            string path = Wav(_files, "a.wav", seed: 1);
            RecordingUpload sent;
            using (UploadJournal journal = UploadJournal.Open(JournalPath)) sent = await SendAndRecordAsync(journal, path, Fields());

            using UploadJournal reopened = UploadJournal.Open(JournalPath);
            UploadPlan again = new UploadPlanner(reopened).Plan(path, Fields());
            Assert.Equal(UploadPlanKind.Skip, again.Kind);
            Assert.Equal(RecordingUploadStatus.Skipped, again.Result!.Status);
            Assert.Equal(sent.RecordingId, again.Result.RecordingId);
            Assert.Equal(path, again.Result.Path);
            Assert.Equal(1, reopened.Count);
        }

        [Fact]
        public async Task ACSharpBatchJournalsWhatTheClientSentAndTheNextRunSkipsItUnread()
        {
            // As the README tells a C# user: plan, upload the plan's request, record the plan with the answer.
            string path = Wav(_files, "a.wav", seed: 1);
            using Alpharun.Sandbox.SandboxServer server = Alpharun.Sandbox.SandboxServer.Start(new Alpharun.Sandbox.SandboxOptions());
            using var client = new AlpharunClient(new AlpharunConnection(server.ApiKey, server.BaseUri));
            RecordingUpload upload;
            using (UploadJournal journal = UploadJournal.Open(JournalPath))
            {
                UploadPlan plan = new UploadPlanner(journal).Plan(path, Fields());
                upload = await client.UploadRecordingAsync(plan.Request!);
                journal.Record(plan, upload);
            }
            ReplaceWithGarbageKeepingItsTime(path);

            using UploadJournal reopened = UploadJournal.Open(JournalPath);
            UploadPlan again = new UploadPlanner(reopened).Plan(path, Fields());
            Assert.Equal(UploadPlanKind.Skip, again.Kind);
            Assert.Null(again.Request);
            Assert.Equal(upload.RecordingId, again.Result!.RecordingId);
            Assert.Equal(upload.AcceptedAt, again.Result.AcceptedAt);
        }

        [Fact]
        public async Task ALineIsVersion3AndHoldsWhatASkippedResultShows()
        {
            string path = Wav(_files, "a.wav", seed: 1, bextDate: "2024-03-05 14:30:00");
            RecordingUpload sent;
            using (UploadJournal journal = UploadJournal.Open(JournalPath)) sent = await SendAndRecordAsync(journal, path, Fields());

            JsonElement line = Assert.Single(Lines(JournalPath));
            Assert.Equal(3, line.GetProperty("v").GetInt32());
            Assert.Matches("^[0-9a-f]{32}$", line.GetProperty("key").GetString());
            Assert.Matches("^[0-9a-f]{32}$", line.GetProperty("quick").GetString());
            Assert.Equal(path, line.GetProperty("path").GetString());
            Assert.Equal(new FileInfo(path).Length, line.GetProperty("length").GetInt64());
            Assert.Equal("2024-03-05T19:30:00.0000000Z", line.GetProperty("last_write").GetString());
            Assert.Equal(sent.RecordingId, line.GetProperty("recording_id").GetGuid());
            Assert.Equal("Created", line.GetProperty("status").GetString());
            Assert.Equal(RecordedAtFormat.Format(sent.RecordedAt), line.GetProperty("recorded_at").GetString());
            Assert.Equal("Metadata", line.GetProperty("recorded_at_source").GetString());
            Assert.Equal("audio/wav", line.GetProperty("media_type").GetString());
            Assert.Equal(1.0, line.GetProperty("audio_seconds").GetDouble());
            Assert.True(DateTimeOffset.Now - line.GetProperty("accepted_at").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
        }

        [Fact]
        public async Task RecordFlushesTheLineToDiskBeforeReturning()
        {
            string path = Wav(_files, "a.wav", seed: 1);
            using UploadJournal journal = UploadJournal.Open(JournalPath);
            UploadPlan plan = new UploadPlanner(journal).Plan(path, Fields());
            RecordingUpload upload = await SendAsync(plan);
            using FaultyJournalStream observed = SwapJournalStream(journal);

            journal.Record(plan, upload);

            // The last thing Record does to the file is an fsync (Flush(flushToDisk: true)) after the line's bytes.
            Assert.Contains("write", observed.Calls);
            Assert.Equal("flush-to-disk", observed.Calls[observed.Calls.Count - 1]);
            Assert.Single(Lines(JournalPath));
        }

        [Fact]
        public async Task ALineThatCannotBeWrittenIsCutOffAgainAndTheFailureSaysTheDiskIsFull()
        {
            string first = Wav(_files, "a.wav", seed: 1), second = Wav(_files, "b.wav", seed: 2), third = Wav(_files, "c.wav", seed: 3);
            using UploadJournal journal = UploadJournal.Open(JournalPath);
            await SendAndRecordAsync(journal, first, Fields());
            long whole = new FileInfo(JournalPath).Length;
            UploadPlan plan = new UploadPlanner(journal).Plan(second, Fields());
            RecordingUpload upload = await SendAsync(plan);
            using FaultyJournalStream faulty = SwapJournalStream(journal);
            // ENOSPC after 40 bytes of the line reached the file: what a full disk does to a write.
            faulty.FailAfter = 40;

            var e = Assert.Throws<JournalWriteException>(() => journal.Record(plan, upload));

            Assert.Equal(JournalProblemKind.DiskFull, e.Kind);
            Assert.Equal(journal.Path, e.Path);
            Assert.StartsWith($"The journal '{journal.Path}' could not be written: the disk holding '{Path.GetDirectoryName(journal.Path)}' is full.", e.Message);
            Assert.Same(e, journal.WriteFailure);
            Assert.Equal(whole, new FileInfo(JournalPath).Length);
            // With room again, the next line is written whole after the last whole line.
            faulty.FailAfter = null;
            await SendAndRecordAsync(journal, third, Fields());
            Assert.Equal(new[] { first, third }, Lines(JournalPath).Select(l => l.GetProperty("path").GetString()));
        }

        /// <summary>
        /// Swaps the journal's writing stream (found by type and file name, not by field name) for one that records
        /// writes and flushes and can fail like a full disk, on the same file: fsync and ENOSPC are not seen from outside.
        /// </summary>
        private static FaultyJournalStream SwapJournalStream(UploadJournal journal)
        {
            FieldInfo field = typeof(UploadJournal).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
                .Single(f => f.FieldType == typeof(FileStream) && ((FileStream)f.GetValue(journal)!).Name == journal.Path);
            ((FileStream)field.GetValue(journal)!).Dispose();
            var replacement = new FaultyJournalStream(journal.Path);
            field.SetValue(journal, replacement);
            return replacement;
        }

        private sealed class FaultyJournalStream : FileStream
        {
            public FaultyJournalStream(string path)
                : base(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None)
            {
            }

            public List<string> Calls { get; } = new List<string>();

            /// <summary>When set, a write puts this many bytes in the file and then fails as a full disk does (errno 28).</summary>
            public int? FailAfter { get; set; }

            public override void Write(byte[] buffer, int offset, int count)
            {
                Calls.Add("write");
                if (FailAfter is int room && count > room)
                {
                    base.Write(buffer, offset, room);
                    throw new IOException("No space left on device", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28);
                }
                base.Write(buffer, offset, count);
            }

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                byte[] copy = buffer.ToArray();
                Write(copy, 0, copy.Length);
            }

            public override void WriteByte(byte value) => Write(new[] { value }, 0, 1);

            public override void Flush(bool flushToDisk)
            {
                Calls.Add(flushToDisk ? "flush-to-disk" : "flush");
                base.Flush(flushToDisk);
            }
        }

        [Fact]
        public async Task ALineTornByACrashIsIgnoredAndTheNextEntryStaysReadable()
        {
            string first = Wav(_files, "a.wav", seed: 1), second = Wav(_files, "b.wav", seed: 2);
            using (UploadJournal journal = UploadJournal.Open(JournalPath)) await SendAndRecordAsync(journal, first, Fields());
            File.AppendAllText(JournalPath, "{\"v\":3,\"key\":\"abc\",\"path\":\"/x\",\"len", Encoding.UTF8);

            using (UploadJournal journal = UploadJournal.Open(JournalPath))
            {
                Assert.Equal(1, journal.Count);
                Assert.Equal(1, journal.IgnoredLines);
                await SendAndRecordAsync(journal, second, Fields());
            }

            using UploadJournal reopened = UploadJournal.Open(JournalPath);
            Assert.Equal(2, reopened.Count);
            Assert.Equal(1, reopened.IgnoredLines);
            Assert.Equal(UploadPlanKind.Skip, new UploadPlanner(reopened).Plan(second, Fields()).Kind);
        }

        [Fact]
        public void AHugeCorruptLineCostsItsReadAndNoMoreMemory()
        {
            // 16 MiB without a line feed, then a valid line: the old reader built a string of the whole line (and
            // gigabytes for 300 MB); the bounded reader passes over it in 64 KiB blocks.
            Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
            using (var file = new FileStream(JournalPath, FileMode.Create))
            {
                byte[] junk = Encoding.ASCII.GetBytes("{\"key\":\"" + new string('a', 1024 * 1024));
                for (int i = 0; i < 16; i++) file.Write(junk, 0, junk.Length);
                file.WriteByte((byte)'\n');
                byte[] valid = Encoding.UTF8.GetBytes(Version2Line(new string('0', 64), 1000) + "\n");
                file.Write(valid, 0, valid.Length);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            using UploadJournal journal = UploadJournal.Open(JournalPath);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(1, journal.Count);
            Assert.Equal(1, journal.IgnoredLines);
            Assert.True(allocated < 1024 * 1024, $"Opening allocated {allocated} bytes.");
        }

        [Fact]
        public void LinesThatAreNotEntriesAreIgnoredAndCounted()
        {
            Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
            File.WriteAllLines(JournalPath, new[]
            {
                Version2Line(new string('1', 64), 10),
                "not json",
                "[1,2,3]",
                "{\"v\":3,\"key\":\"zz\",\"length\":1}",
                Version2Line(new string('2', 64), 10).Replace("Created", "Skipped"),
                Version2Line(new string('3', 64), 10).Replace("{\"key\"", "{\"v\":9,\"key\""),
                "   ",
                Version2Line(new string('4', 64), 10) + " trailing",
            });

            using UploadJournal journal = UploadJournal.Open(JournalPath);
            Assert.Equal(1, journal.Count);
            Assert.Equal(6, journal.IgnoredLines);
        }

        /// <summary>A line as a version 2 journal wrote it.</summary>
        internal static string Version2Line(string key, long length, Guid? id = null) =>
            "{\"key\":\"" + key + "\",\"path\":\"/calls/a.wav\",\"length\":" + length + ",\"recording_id\":\"" + (id ?? Guid.NewGuid()) + "\",\"status\":\"Created\",\"accepted_at\":\"2024-01-16T02:00:01.1234567+00:00\"}";

        [Fact]
        public void OneRunAtATimeHoldsAJournalAndTheSecondIsToldWhy()
        {
            using UploadJournal journal = UploadJournal.Open(JournalPath);
            var e = Assert.Throws<JournalUnavailableException>(() => UploadJournal.Open(JournalPath));
            Assert.Equal(JournalProblemKind.InUse, e.Kind);
            Assert.Equal($"The journal '{journal.Path}' cannot be opened: another run is using it (its lock file '{journal.Path}.lock' is held). Wait for that run to end, or give each batch that runs at the same time its own -Journal.", e.Message);
        }

        [Fact]
        public void AFolderGivenAsTheJournalIsRefusedAsAFolder()
        {
            string folder = Path.Combine(_files.Folder, "state");
            Directory.CreateDirectory(folder);
            var e = Assert.Throws<JournalUnavailableException>(() => UploadJournal.Open(folder));
            Assert.Equal(JournalProblemKind.IsFolder, e.Kind);
            Assert.Contains($"it is a folder. -Journal takes a file's path, for example '{Path.Combine(folder, "uploads.journal")}'.", e.Message);
        }

        [Theory]
        [InlineData("directory", JournalProblemKind.NotFound)]
        [InlineData("drive", JournalProblemKind.NotFound)]
        [InlineData("access", JournalProblemKind.NoPermission)]
        [InlineData("other", JournalProblemKind.Other)]
        public void WhatTheFileSystemThrowsIsReadAsItsCause(string thrown, JournalProblemKind expected)
        {
            Exception e = thrown switch
            {
                "directory" => new DirectoryNotFoundException("Could not find a part of the path."),
                "drive" => new DriveNotFoundException("Could not find the drive 'Z:\\'."),
                "access" => new UnauthorizedAccessException("Access to the path is denied."),
                _ => new IOException("Something else."),
            };
            Assert.Equal(expected, JournalProblem.Classify(e, Path.Combine(_files.Folder, "x.journal")));
        }

        [Fact]
        public async Task JournalHoldsNoContactDetailsNorTheTeammate()
        {
            string path = Wav(_files, "a.wav", seed: 1);
            using (UploadJournal journal = UploadJournal.Open(JournalPath)) await SendAndRecordAsync(journal, path, Fields());
            string text = File.ReadAllText(JournalPath);
            Assert.DoesNotContain("bob@client.com", text);
            Assert.DoesNotContain("ana@acme.com", text);
            Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
