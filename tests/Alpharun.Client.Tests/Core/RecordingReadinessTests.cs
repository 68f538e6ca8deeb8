using System;
using System.IO;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// The one rule for a recording still being written (issue 16 item 3), judged on what was found: the file before
    /// and after its check, what its content shows, who holds it, and a fixed clock.
    /// </summary>
    public sealed class RecordingReadinessTests
    {
        private const string Path = "/calls/call.wav";
        private static readonly DateTime Now = new DateTime(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);

        private static readonly AudioInfo Finished = AudioProbe.Probe(new MemoryStream(WavBuilder.Pcm(8000, 1, 16, 8000).Build()));
        private static readonly AudioInfo Placeholders = AudioProbe.Probe(new MemoryStream(new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Data(12000, 0xFFFFFFFF).Build()));
        private static readonly AudioInfo NoIndex = AudioProbe.Probe(new MemoryStream(Mp4BoxBuilder.Join(Mp4BoxBuilder.Ftyp(), Mp4BoxBuilder.Box("mdat", new byte[64]))));

        private static RecordingFileState File(TimeSpan age, long length = 12044) =>
            new RecordingFileState(Path, true, false, false, null, length, Now - age, null, null);

        private static RecordingReadiness Rule(TimeSpan minimumAge = default) => new RecordingReadiness(minimumAge, null, () => Now);

        private static ReadinessVerdict Judge(TimeSpan age, AudioInfo audio, FileHolder holder = FileHolder.None, TimeSpan minimumAge = default) =>
            Rule(minimumAge).Judge(File(age), File(age), audio, holder);

        [Fact]
        public void TheQuietPeriodIsSixHours() => Assert.Equal(TimeSpan.FromHours(6), RecordingReadiness.DefaultQuietPeriod);

        [Fact]
        public void AFinishedFileWrittenThisSecondIsReady()
        {
            ReadinessVerdict verdict = Judge(TimeSpan.Zero, Finished);
            Assert.Equal(ReadinessState.Ready, verdict.State);
            Assert.Null(verdict.Sentence);
        }

        [Fact]
        public void PlaceholderSizesOnARecentFileAreACallInProgress()
        {
            ReadinessVerdict verdict = Judge(TimeSpan.FromSeconds(12), Placeholders);

            Assert.Equal(ReadinessState.InProgress, verdict.State);
            Assert.Equal("'/calls/call.wav': not sent, it is still being written: its WAV header still holds placeholder sizes, and it was last written 12 s ago. A later run sends it.", verdict.Sentence);
        }

        [Fact]
        public void PlaceholderSizesOnAFileQuietForTheWholePeriodAreARecorderThatStopped()
        {
            ReadinessVerdict verdict = Judge(TimeSpan.FromHours(6), Placeholders);

            Assert.Equal(ReadinessState.WriterStopped, verdict.State);
            Assert.Equal("'/calls/call.wav' was never finished: its WAV header still holds placeholder sizes; but it was last written 6 h ago, more than the 6 h a recording in progress goes without a write, " +
                "so the program that wrote it has probably stopped. It is sent as it is: 0.75 s of audio.", verdict.Sentence);
        }

        [Fact]
        public void ATickShortOfTheQuietPeriodIsStillInProgress() =>
            Assert.Equal(ReadinessState.InProgress, Judge(TimeSpan.FromHours(6) - TimeSpan.FromTicks(1), Placeholders).State);

        [Fact]
        public void AnOldMp4WithoutItsIndexIsLeftToTheContentCheckToRefuse()
        {
            // Nothing in it can be played: no warning and no upload, the validator's NotAudio.
            Assert.Equal(ReadinessState.InProgress, Judge(TimeSpan.FromMinutes(5), NoIndex).State);
            Assert.Equal(ReadinessState.Ready, Judge(TimeSpan.FromDays(2), NoIndex).State);
        }

        [Fact]
        public void AFileThatGrewWhileItWasCheckedIsInProgressHoweverOldItLooks()
        {
            ReadinessVerdict verdict = Rule().Judge(File(TimeSpan.FromDays(3), 1000), File(TimeSpan.FromDays(3), 5000), Finished, FileHolder.None);

            Assert.Equal(ReadinessState.InProgress, verdict.State);
            Assert.Equal("'/calls/call.wav': not sent, it is still being written: it changed while it was checked (1000 bytes, then 5000). A later run sends it.", verdict.Sentence);
            Assert.Equal(5000, verdict.File.Length);
        }

        [Fact]
        public void AFileWhoseWriteTimeMovedWhileItWasCheckedIsInProgress()
        {
            ReadinessVerdict verdict = Rule().Judge(File(TimeSpan.FromMinutes(1)), File(TimeSpan.Zero), Finished, FileHolder.None);

            Assert.Equal(ReadinessState.InProgress, verdict.State);
            Assert.Contains("its last write time changed while it was checked", verdict.Sentence);
        }

        [Fact]
        public void AFileAProgramHasOpenForWritingIsInProgressHoweverOldItLooks()
        {
            // Windows: NTFS may show the time the recorder opened the file until it closes it.
            ReadinessVerdict verdict = Judge(TimeSpan.FromDays(1), Finished, FileHolder.Writer);

            Assert.Equal(ReadinessState.InProgress, verdict.State);
            Assert.Equal("'/calls/call.wav': not sent, it is still being written: another program has it open for writing. A later run sends it.", verdict.Sentence);
        }

        [Fact]
        public void AFileAnotherProgramHoldsExclusivelyIsInProgressWhileRecentAndUnreadableOnceOld()
        {
            ReadinessVerdict recent = Judge(TimeSpan.FromMinutes(3), AudioInfo.Unrecognised, FileHolder.Exclusive);
            Assert.Equal(ReadinessState.InProgress, recent.State);
            Assert.Equal("'/calls/call.wav': not sent, it is still being written: another program holds it open and lets nothing else read it, and it was last written 3 min ago. A later run sends it.", recent.Sentence);
            // Held for a week: no recording in progress; the validator reports it as unreadable.
            Assert.Equal(ReadinessState.Ready, Judge(TimeSpan.FromDays(7), AudioInfo.Unrecognised, FileHolder.Exclusive).State);
        }

        [Fact]
        public void AFileWrittenMoreRecentlyThanTheMinimumAgeIsInProgressWhateverItHolds()
        {
            ReadinessVerdict verdict = Judge(TimeSpan.FromMinutes(4), Finished, minimumAge: TimeSpan.FromMinutes(10));

            Assert.Equal(ReadinessState.InProgress, verdict.State);
            Assert.Equal("'/calls/call.wav': not sent, it is still being written: it was last written 4 min ago, less than -MinimumAge (10 min). A later run sends it.", verdict.Sentence);
        }

        [Fact]
        public void AFileExactlyTheMinimumAgeOldIsReady() =>
            Assert.Equal(ReadinessState.Ready, Judge(TimeSpan.FromMinutes(10), Finished, minimumAge: TimeSpan.FromMinutes(10)).State);

        [Fact]
        public void AMinimumAgeLongerThanTheQuietPeriodStillSendsAStoppedRecorderOnceOldEnough()
        {
            Assert.Equal(ReadinessState.InProgress, Judge(TimeSpan.FromHours(20), Placeholders, minimumAge: TimeSpan.FromDays(1)).State);
            Assert.Equal(ReadinessState.WriterStopped, Judge(TimeSpan.FromHours(25), Placeholders, minimumAge: TimeSpan.FromDays(1)).State);
        }

        [Fact]
        public void AFileDatedInTheFutureCountsAsJustWritten()
        {
            // A clock set wrong on the recorder: no age to wait out is better than sending a call in progress.
            ReadinessVerdict verdict = Judge(-TimeSpan.FromHours(3), Placeholders);
            Assert.Equal(ReadinessState.InProgress, verdict.State);
            Assert.Contains("last written 0 s ago", verdict.Sentence);
            Assert.Equal(ReadinessState.InProgress, Judge(-TimeSpan.FromHours(3), Finished, minimumAge: TimeSpan.FromSeconds(1)).State);
        }

        [Fact]
        public void AFileThatIsGoneOrNoRegularFileIsLeftToTheValidator()
        {
            var gone = new RecordingFileState(Path, false, false, false, null, -1, DateTime.MinValue, null, null);
            var device = new RecordingFileState(Path, true, false, true, "/dev/urandom", 0, Now, "a device or kernel file under /dev", null);
            Assert.Equal(ReadinessState.Ready, Rule(TimeSpan.FromDays(1)).Judge(File(TimeSpan.Zero), gone, Placeholders, FileHolder.None).State);
            Assert.Equal(ReadinessState.Ready, Rule(TimeSpan.FromDays(1)).Judge(device, device, Placeholders, FileHolder.None).State);
        }

        [Fact]
        public void ANegativeMinimumAgeIsRefused()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RecordingReadiness(TimeSpan.FromSeconds(-1)));
            Assert.Equal("minimumAge", e.ParamName);
        }

        [Theory]
        [InlineData(0, "0 s")]
        [InlineData(59, "59 s")]
        [InlineData(60, "1 min")]
        [InlineData(3599, "59 min")]
        [InlineData(3600, "1 h")]
        [InlineData(3600 + 20 * 60, "1 h 20 min")]
        [InlineData(86400, "1 d")]
        [InlineData(2 * 86400 + 4 * 3600 + 59, "2 d 4 h")]
        public void AgesReadAsAPersonSaysThem(int seconds, string text) =>
            Assert.Equal(text, RecordingReadiness.Describe(TimeSpan.FromSeconds(seconds)));
    }
}
