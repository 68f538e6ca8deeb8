using System;
using System.IO;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>recorded_at from the content check's date: the bounds of a believable date and each note's exact text.</summary>
    public sealed class AudioProbeRecordedAtTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static AudioInfo Dated(MetadataDate? date) => AudioInfo.Recognised(AudioContainer.Wav, "audio/wav", null, date, "PCM");

        private string WrittenFile(DateTime written)
        {
            string path = _files.Create("call.wav");
            File.SetLastWriteTime(path, written);
            return path;
        }

        [Fact]
        public void ANullAudioIsRefused() =>
            Assert.Equal("audio", Assert.Throws<ArgumentNullException>(() => RecordedAtChoice.For("call.wav", null, null!)).ParamName);

        [Fact]
        public void ADateWithAZoneIsUsedAndTheNoteSaysNothingAboutZones()
        {
            var value = new DateTimeOffset(2024, 3, 5, 11, 20, 30, TimeSpan.Zero);
            RecordedAtChoice choice = RecordedAtChoice.For("call.m4a", null, Dated(new MetadataDate(value, true, "mvhd")));
            Assert.Equal((value, RecordedAtSource.Metadata), (choice.Value, choice.Source));
            Assert.Equal($"-RecordedAt was not given for 'call.m4a': using the date in its mvhd metadata, {RecordedAtFormat.Format(value)}.", choice.Note);
        }

        [Fact]
        public void TheEarliestBelievableDateIsUsed()
        {
            RecordedAtChoice choice = RecordedAtChoice.For("call.wav", null, Dated(new MetadataDate(RecordingUploadValidator.EarliestRecordedAt, true, "bext")));
            Assert.Equal((RecordingUploadValidator.EarliestRecordedAt, RecordedAtSource.Metadata), (choice.Value, choice.Source));
        }

        // A recorder's clock a few hours ahead is within the tolerance the validator allows.
        [Fact]
        public void ADateHoursAheadIsUsed()
        {
            DateTimeOffset ahead = DateTimeOffset.UtcNow.AddHours(12);
            RecordedAtChoice choice = RecordedAtChoice.For("call.wav", null, Dated(new MetadataDate(ahead, true, "bext")));
            Assert.Equal((ahead, RecordedAtSource.Metadata), (choice.Value, choice.Source));
        }

        [Fact]
        public void ADateDaysAheadIsIgnoredForTheLastWriteTime()
        {
            string path = WrittenFile(new DateTime(2023, 6, 1, 9, 0, 0, DateTimeKind.Local));
            DateTimeOffset ahead = DateTimeOffset.UtcNow.AddDays(3);
            RecordedAtChoice choice = RecordedAtChoice.For(path, null, Dated(new MetadataDate(ahead, true, "DATE")));
            Assert.Equal(RecordedAtSource.LastWriteTime, choice.Source);
            Assert.EndsWith($"Its DATE metadata says {RecordedAtFormat.Format(ahead)}, which cannot be right (a device clock not set?), so it was ignored.", choice.Note);
        }

        [Fact]
        public void WithoutADateTheNoteSaysTheMetadataHoldsNone()
        {
            var written = new DateTime(2023, 6, 1, 9, 0, 0, DateTimeKind.Local);
            string path = WrittenFile(written);
            RecordedAtChoice choice = RecordedAtChoice.For(path, null, Dated(null));
            Assert.Equal((new DateTimeOffset(written), RecordedAtSource.LastWriteTime), (choice.Value, choice.Source));
            Assert.Equal($"-RecordedAt was not given for '{path}' and its metadata holds no recording date: using its last write time, {RecordedAtFormat.Format(new DateTimeOffset(written))}.", choice.Note);
        }

        [Fact]
        public void AnIgnoredDateIsNamedAfterTheLastWriteTime()
        {
            var written = new DateTime(2023, 6, 1, 9, 0, 0, DateTimeKind.Local);
            string path = WrittenFile(written);
            var unset = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
            RecordedAtChoice choice = RecordedAtChoice.For(path, null, Dated(new MetadataDate(unset, true, "mvhd")));
            Assert.Equal($"-RecordedAt was not given for '{path}': using its last write time, {RecordedAtFormat.Format(new DateTimeOffset(written))}. Its mvhd metadata says {RecordedAtFormat.Format(unset)}, which cannot be right (a device clock not set?), so it was ignored.", choice.Note);
        }

        // A file gone by now has no last write time: the current time stands in (not 1601, what the OS reports).
        [Fact]
        public void AMissingFileFallsBackToNow()
        {
            DateTimeOffset before = DateTimeOffset.Now;
            RecordedAtChoice choice = RecordedAtChoice.For(Path.Combine(_files.Folder, "gone.wav"), null, Dated(null));
            DateTimeOffset after = DateTimeOffset.Now;
            Assert.Equal(RecordedAtSource.LastWriteTime, choice.Source);
            Assert.InRange(choice.Value, before, after);
        }
    }
}
