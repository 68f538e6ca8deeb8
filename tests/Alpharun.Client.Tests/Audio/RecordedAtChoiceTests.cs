using System;
using System.IO;
using Xunit;

namespace Alpharun.Tests
{
    public sealed class RecordedAtChoiceTests : IDisposable
    {
        private static readonly DateTimeOffset Given = new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5));
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Audio", "Samples", name);

        private static RecordedAtChoice For(string path, DateTimeOffset? given = null) => RecordedAtChoice.For(path, given, AudioProbe.Probe(path));

        [Fact]
        public void AGivenValueWinsOverMetadata()
        {
            RecordedAtChoice choice = For(Sample("bext.wav"), Given);
            Assert.Equal((Given, RecordedAtSource.Parameter, (string?)null), (choice.Value, choice.Source, choice.Note));
        }

        [Fact]
        public void ABextDateWithoutZoneIsReadInTheLocalZoneAndSaysSo()
        {
            RecordedAtChoice choice = For(Sample("bext.wav"));
            var local = new DateTimeOffset(new DateTime(2024, 3, 5, 14, 30, 0, DateTimeKind.Local));
            Assert.Equal((local, RecordedAtSource.Metadata), (choice.Value, choice.Source));
            Assert.Equal($"-RecordedAt was not given for '{Sample("bext.wav")}': using the date in its bext metadata, {RecordedAtFormat.Format(local)}. It gives no time zone, so the local zone was assumed, as for a last write time.", choice.Note);
        }

        [Fact]
        public void AnMp4CreationTimeIsUtc()
        {
            RecordedAtChoice choice = For(Sample("tone.m4a"));
            Assert.Equal((new DateTimeOffset(2024, 3, 5, 11, 20, 30, TimeSpan.Zero), RecordedAtSource.Metadata), (choice.Value, choice.Source));
            Assert.DoesNotContain("local zone", choice.Note);
        }

        [Theory]
        [InlineData("tone.flac", "2024-03-05T09:15:00", "DATE")]
        [InlineData("vorbis.ogg", "2024-03-05T00:00:00", "DATE")]
        [InlineData("cbr.mp3", "2024-03-05T10:00:00", "TDRC")]
        public void VorbisFlacAndId3DatesAreRead(string sample, string local, string tag)
        {
            MetadataDate? date = AudioProbe.Probe(Sample(sample)).RecordedAt;
            Assert.NotNull(date);
            Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Local)), date!.Value);
            Assert.Equal(tag, date.Tag);
        }

        [Fact]
        public void AnInfoCreationDateIsReadWhenThereIsNoBext()
        {
            string path = Path.Combine(_files.Folder, "info.wav");
            File.WriteAllBytes(path, WavBuilder.Pcm(8000, 1, 16, 800).InfoCreationDate("2023-11-02 08:05:00").Build());
            Assert.Equal((new DateTimeOffset(new DateTime(2023, 11, 2, 8, 5, 0, DateTimeKind.Local)), RecordedAtSource.Metadata), (For(path).Value, For(path).Source));
        }

        [Fact]
        public void AMetadataDateBefore1990IsIgnoredForTheLastWriteTimeAndTheNoteSaysWhy()
        {
            string path = Path.Combine(_files.Folder, "unset-clock.wav");
            File.WriteAllBytes(path, WavBuilder.Pcm(8000, 1, 16, 800).Bext("1970-01-01", "00:00:00").Build());
            var written = new DateTime(2023, 6, 1, 9, 0, 0, DateTimeKind.Local);
            File.SetLastWriteTime(path, written);

            RecordedAtChoice choice = For(path);

            Assert.Equal((new DateTimeOffset(written), RecordedAtSource.LastWriteTime), (choice.Value, choice.Source));
            Assert.EndsWith($"Its bext metadata says {RecordedAtFormat.Format(new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Local)))}, which cannot be right (a device clock not set?), so it was ignored.", choice.Note);
        }

        [Fact]
        public void WithoutMetadataTheLastWriteTimeIsUsed()
        {
            string path = _files.Create("plain.wav");
            var written = new DateTime(2023, 6, 1, 9, 0, 0, DateTimeKind.Local);
            File.SetLastWriteTime(path, written);
            RecordedAtChoice choice = For(path);
            Assert.Equal((new DateTimeOffset(written), RecordedAtSource.LastWriteTime), (choice.Value, choice.Source));
        }
    }
}
