using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Alpharun.Tests.Security;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// The planner's decision for recordings still being written (issue 16 item 3) and for links (issue 18 item 1),
    /// on real files: InProgress is an outcome, not an error, and is never journaled; a recorder that stopped is sent
    /// with a warning.
    /// </summary>
    public sealed class UploadPlannerReadinessTests : IDisposable
    {
        private static readonly RecordingFields Fields = new RecordingFields("ana@acme.com", new[] { new Contact(email: "bob@client.com") });
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Audio", "Samples", name);

        private string Write(string name, byte[] bytes, TimeSpan? age = null)
        {
            string path = Path.Combine(_files.Folder, name);
            File.WriteAllBytes(path, bytes);
            if (age.HasValue) File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age.Value);
            return path;
        }

        private string Cut(string sample, string name, int length, TimeSpan? age = null) =>
            Write(name, File.ReadAllBytes(Sample(sample)).Take(length).ToArray(), age);

        [Fact]
        public void AWavWithPlaceholderSizesWrittenNowIsInProgressAndNotAnError()
        {
            string path = Write("call.wav", File.ReadAllBytes(Sample("streamed.wav")));

            UploadPlan plan = new UploadPlanner().Plan(path, Fields);

            Assert.Equal(UploadPlanKind.InProgress, plan.Kind);
            Assert.Empty(plan.Failures);
            Assert.Empty(plan.Warnings);
            RecordingUpload result = plan.Result!;
            Assert.Equal(RecordingUploadStatus.InProgress, result.Status);
            Assert.Equal(Guid.Empty, result.RecordingId);
            Assert.Equal(16044, result.Length);
            Assert.Equal(0, result.HttpStatus);
            Assert.Equal(0, result.Attempts);
            Assert.Equal(TimeSpan.FromSeconds(1), result.AudioDuration);
            // Seconds ago: however loaded the machine, less than a minute.
            Assert.Matches("^" + Regex.Escape($"'{path}': not sent, it is still being written: its WAV header still holds placeholder sizes, and it was last written ") + @"\d{1,2} s ago\. A later run sends it\.$",
                Assert.Single(plan.Notes));
        }

        [Fact]
        public void TheSameWavLastWrittenTwoDaysAgoIsSentWithAWarningAndTheLengthOfItsBytes()
        {
            string path = Write("call.wav", File.ReadAllBytes(Sample("streamed.wav")), TimeSpan.FromDays(2));

            UploadPlan plan = new UploadPlanner().Plan(path, Fields);

            Assert.Equal(UploadPlanKind.Send, plan.Kind);
            Assert.Equal(TimeSpan.FromSeconds(1), plan.Request!.Audio.Duration);
            Assert.Equal($"'{path}' was never finished: its WAV header still holds placeholder sizes; but it was last written 2 d ago, more than the 6 h a recording in progress goes without a write, " +
                "so the program that wrote it has probably stopped. It is sent as it is: 1 s of audio.", Assert.Single(plan.Warnings));
        }

        [Fact]
        public void AnM4aStillBeingRecordedIsInProgressNotNotAudio()
        {
            // Before issue 16 every night with a call in progress ended with this file's NotAudio error.
            string path = Cut("tone.m4a", "call.m4a", 8521);

            UploadPlan plan = new UploadPlanner().Plan(path, Fields);

            Assert.Equal(UploadPlanKind.InProgress, plan.Kind);
            Assert.Contains("its MP4 index (moov box) is not written yet, and it was last written", Assert.Single(plan.Notes));
            Assert.Equal("audio/mp4", plan.Result!.MediaType);
        }

        [Fact]
        public void AnOldM4aWithoutItsIndexIsStillNotAudioWithoutAWarning()
        {
            string path = Cut("tone.m4a", "call.m4a", 8521, TimeSpan.FromDays(2));

            UploadPlan plan = new UploadPlanner().Plan(path, Fields);

            Assert.Equal(UploadPlanKind.Invalid, plan.Kind);
            Assert.Equal(ValidationErrorKind.NotAudio, Assert.Single(plan.Failures).Kind);
            Assert.Empty(plan.Warnings);
        }

        [Fact]
        public void AnOpusFileWithoutItsLastPageIsInProgressWhileRecentAndSentWithAWarningOnceOld()
        {
            Assert.Equal(UploadPlanKind.InProgress, new UploadPlanner().Plan(Cut("opus.opus", "new.opus", 5059), Fields).Kind);

            UploadPlan old = new UploadPlanner().Plan(Cut("opus.opus", "old.opus", 5059, TimeSpan.FromHours(7)), Fields);
            Assert.Equal(UploadPlanKind.Send, old.Kind);
            Assert.Contains("its Ogg stream has no last page yet (no end-of-stream flag); but it was last written 7 h ago", Assert.Single(old.Warnings));
        }

        [Fact]
        public void AFinishedFileYoungerThanTheMinimumAgeIsInProgressAndSentWithoutIt()
        {
            string path = Write("call.wav", WavBuilder.Pcm(8000, 1, 16, 8000).Build(), TimeSpan.FromMinutes(2));

            UploadPlan young = new UploadPlanner { Readiness = new RecordingReadiness(TimeSpan.FromMinutes(10)) }.Plan(path, Fields);
            UploadPlan plain = new UploadPlanner().Plan(path, Fields);

            Assert.Equal(UploadPlanKind.InProgress, young.Kind);
            Assert.Contains("it was last written 2 min ago, less than -MinimumAge (10 min)", young.Notes[0]);
            Assert.Equal(UploadPlanKind.Send, plain.Kind);
        }

        [Fact]
        public void AFileInProgressIsNeitherLookedUpNorRecordedInTheJournal()
        {
            string journalPath = Path.Combine(_files.Folder, "run.journal");
            string path = Write("call.wav", File.ReadAllBytes(Sample("streamed.wav")));
            using UploadJournal journal = UploadJournal.Open(journalPath);

            UploadPlan plan = new UploadPlanner(journal).Plan(path, Fields);
            journal.Record(plan, plan.Result!);

            Assert.Equal(UploadPlanKind.InProgress, plan.Kind);
            Assert.Null(plan.Fingerprint);
            Assert.Equal(0, journal.Count);
        }

        [Fact]
        public void AFileAnotherProgramHoldsExclusivelyIsInProgressWhileRecentAndUnreadableOnceOld()
        {
            string recent = _files.Create("recent.wav", 4096);
            string old = Write("old.wav", new byte[4096], TimeSpan.FromDays(2));
            using var holdRecent = new FileStream(recent, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            using var holdOld = new FileStream(old, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

            UploadPlan recentPlan = new UploadPlanner().Plan(recent, Fields);
            UploadPlan oldPlan = new UploadPlanner().Plan(old, Fields);

            Assert.Equal(UploadPlanKind.InProgress, recentPlan.Kind);
            Assert.Contains("another program holds it open and lets nothing else read it", recentPlan.Notes[0]);
            Assert.Equal(UploadPlanKind.Invalid, oldPlan.Kind);
            Assert.Equal(ValidationErrorKind.FileUnreadable, Assert.Single(oldPlan.Failures).Kind);
        }

        [UnixFact]
        public void AFileThroughALinkTakesItsRecordedAtFromTheFileItLeadsTo()
        {
            // The link's own write time is when the link was made.
            string target = Write("call.wav", WavBuilder.Pcm(8000, 1, 16, 8000).Build());
            DateTime written = new DateTime(2024, 3, 5, 9, 15, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(target, written);
            string link = Path.Combine(_files.Folder, "link.wav");
            File.CreateSymbolicLink(link, target);

            UploadPlan plan = new UploadPlanner().Plan(link, Fields);

            Assert.Equal(UploadPlanKind.Send, plan.Kind);
            Assert.Equal(RecordedAtSource.LastWriteTime, plan.Request!.RecordedAtSource);
            Assert.Equal(written, plan.Request.RecordedAt.UtcDateTime);
            Assert.Equal(TimeSpan.FromSeconds(1), plan.Request.Audio.Duration);
        }

        [UnixFact]
        public void ALoopOfLinksIsOneFileUnreadableErrorNotAnException()
        {
            string a = Path.Combine(_files.Folder, "a.wav"), b = Path.Combine(_files.Folder, "b.wav");
            File.CreateSymbolicLink(a, b);
            File.CreateSymbolicLink(b, a);

            UploadPlan plan = new UploadPlanner().Plan(a, Fields);

            Assert.Equal(UploadPlanKind.Invalid, plan.Kind);
            ValidationFailure failure = Assert.Single(plan.Failures);
            Assert.Equal(ValidationErrorKind.FileUnreadable, failure.Kind);
            Assert.Contains("symbolic links", failure.Message);
            Assert.Equal(RecordedAtSource.LastWriteTime, plan.Request!.RecordedAtSource);
            Assert.InRange(plan.Request.RecordedAt, DateTimeOffset.Now.AddMinutes(-5), DateTimeOffset.Now);
        }

        [UnixFact]
        public void ALinkToDevUrandomIsNotARegularFileAndNothingOfItIsRead()
        {
            string link = Path.Combine(_files.Folder, "urandom.wav");
            File.CreateSymbolicLink(link, "/dev/urandom");

            UploadPlan plan = new UploadPlanner().Plan(link, Fields);

            Assert.Equal(UploadPlanKind.Invalid, plan.Kind);
            ValidationFailure failure = Assert.Single(plan.Failures);
            Assert.Equal(ValidationErrorKind.NotARegularFile, failure.Kind);
            Assert.Equal($"'{link}' (a link to '/dev/urandom') is not a regular file but a device or kernel file under /dev: nothing of it was read or sent. Pass the recording file itself.", failure.Message);
        }

        [UnixFact]
        public void ALinkToANamedPipeIsRefusedAsEmptyWithoutWaitingForAWriter()
        {
            string fifo = Path.Combine(_files.Folder, "pipe");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", new[] { fifo })!) mkfifo.WaitForExit();
            string link = Path.Combine(_files.Folder, "pipe.wav");
            File.CreateSymbolicLink(link, fifo);

            Task<UploadPlan> planning = Task.Run(() => new UploadPlanner().Plan(link, Fields));

            Assert.True(planning.Wait(TimeSpan.FromSeconds(10)), "The planner opened the pipe and waits for a writer.");
            ValidationFailure failure = Assert.Single(planning.Result.Failures);
            Assert.Equal(ValidationErrorKind.EmptyFile, failure.Kind);
            Assert.Equal($"The audio file '{link}' (a link to '{fifo}') is empty (0 bytes), or not a regular file (a named pipe, a device). Pass a finished recording.", failure.Message);
        }
    }
}
