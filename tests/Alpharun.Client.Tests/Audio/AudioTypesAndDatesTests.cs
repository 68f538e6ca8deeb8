using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// Issue 18 item 12: the media types of AIFF, AU, AMR, WMA, CAF, W64 and raw GSM; ID3v2.3 dates with their time of
    /// day; a date-only metadata value against a last write time on the same day; what a damaged file's message says.
    /// </summary>
    public sealed class AudioTypesAndDatesTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Audio", "Samples", name);

        private string Copy(string sample, string name)
        {
            string path = Path.Combine(_files.Folder, name);
            File.Copy(Sample(sample), path);
            return path;
        }

        private static RecordingUploadRequest Request(string path) =>
            new RecordingUploadRequest(path, "ana@acme.com", DateTimeOffset.Now, new[] { new Contact(email: "bob@client.com") }) { Audio = AudioProbe.Probe(path) };

        [Theory]
        [InlineData("tone.aiff", AudioContainer.Aiff, "audio/aiff")]
        [InlineData("tone-alaw.aifc", AudioContainer.Aiff, "audio/aiff")]
        [InlineData("tone.au", AudioContainer.Au, "audio/basic")]
        [InlineData("tone.amr", AudioContainer.Amr, "audio/amr")]
        [InlineData("tone.wma", AudioContainer.Asf, "audio/x-ms-wma")]
        [InlineData("tone.caf", AudioContainer.Caf, "audio/x-caf")]
        [InlineData("tone.w64", AudioContainer.Wave64, "audio/x-w64")]
        public void EachIsRecognisedFromItsSignatureWithItsAudioMediaType(string sample, AudioContainer container, string mediaType)
        {
            AudioInfo info = AudioProbe.Probe(Sample(sample));
            Assert.Null(info.NotAudio);
            Assert.Equal((container, mediaType), (info.Container, info.MediaType));
        }

        [Theory]
        [InlineData("tone.aiff", "audio/aiff")]
        [InlineData("tone.au", "audio/basic")]
        [InlineData("tone.amr", "audio/amr")]
        [InlineData("tone.wma", "audio/x-ms-wma")]
        [InlineData("tone.caf", "audio/x-caf")]
        [InlineData("tone.w64", "audio/x-w64")]
        public void ContentWinsOverAnExtensionThatSaysOtherwise(string sample, string mediaType)
        {
            RecordingUploadRequest request = Request(Copy(sample, "renamed.wav"));
            Assert.Equal(mediaType, request.MediaType);
            Assert.EndsWith($"Its extension '.wav' says audio/wav: sent as {mediaType}, the type of its content.", AudioNote.For(request));
        }

        [Fact]
        public void AnAmrWideband3gppFileIsAudioAmrWb()
        {
            byte[] bytes = Encoding.ASCII.GetBytes("#!AMR-WB\n").Concat(Enumerable.Repeat((byte)0x44, 200)).ToArray();
            AudioInfo info = AudioProbe.Probe(new MemoryStream(bytes));
            Assert.Equal((AudioContainer.Amr, "audio/amr-wb"), (info.Container, info.MediaType));
        }

        [Fact]
        public void RawGsmHasNoSignatureAndGoesAsItsExtensionSays()
        {
            RecordingUploadRequest request = Request(Copy("tone.gsm", "call.gsm"));
            Assert.Equal(AudioContainer.Unrecognised, request.Audio.Container);
            Assert.Null(request.Audio.NotAudio);
            Assert.Equal("audio/gsm", request.MediaType);
        }

        [Theory]
        [InlineData(".aif", "audio/aiff")]
        [InlineData(".aiff", "audio/aiff")]
        [InlineData(".AIFC", "audio/aiff")]
        [InlineData(".au", "audio/basic")]
        [InlineData(".snd", "audio/basic")]
        [InlineData(".amr", "audio/amr")]
        [InlineData(".awb", "audio/amr-wb")]
        [InlineData(".wma", "audio/x-ms-wma")]
        [InlineData(".caf", "audio/x-caf")]
        [InlineData(".w64", "audio/x-w64")]
        [InlineData(".gsm", "audio/gsm")]
        public void TheExtensionGivesTheTypeWhenTheContentDoesNot(string extension, string mediaType) =>
            Assert.Equal(mediaType, AudioMediaTypes.ForFile("call" + extension));

        [Theory]
        [InlineData("FORM\0\0\0\u00148SVXVHDR")]
        [InlineData("FORM\0\0\0\u0014ILBMBMHD")]
        [InlineData("caff\0\u0002\0\0desc")]
        public void ALookAlikeOfAnotherKindIsNotTakenForAudio(string head)
        {
            byte[] bytes = Encoding.Latin1.GetBytes(head).Concat(new byte[64]).ToArray();
            Assert.Equal(AudioContainer.Unrecognised, AudioProbe.Probe(new MemoryStream(bytes)).Container);
        }

        [Fact]
        public void Id3v23TyerTdatAndTimeGiveTheDateAndTimeOfDay()
        {
            MetadataDate? date = AudioProbe.Probe(Sample("id3v23.mp3")).RecordedAt;
            Assert.NotNull(date);
            Assert.Equal(new DateTimeOffset(new DateTime(2023, 11, 2, 14, 30, 0, DateTimeKind.Local)), date!.Value);
            Assert.True(date.HasTimeOfDay);
            Assert.False(date.HasZone);
        }

        [Fact]
        public void Id3v23TyerAndTdatWithoutTimeAreADateWithoutATimeOfDay()
        {
            byte[] tag = new Id3TagBuilder(3).Text("TYER", "2024").Text("TDAT", "0503").Build();
            MetadataDate? date = AudioProbe.Probe(new MemoryStream(tag.Concat(Mp3FrameBuilder.Repeat(Mp3FrameBuilder.Mpeg1Layer3(), 8)).ToArray())).RecordedAt;
            Assert.Equal(new DateTimeOffset(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Local)), date!.Value);
            Assert.False(date.HasTimeOfDay);
        }

        [Theory]
        [InlineData("2460")]
        [InlineData("143")]
        [InlineData("1a30")]
        public void AnId3v23TimeThatIsNotHhmmIsLeftOut(string time)
        {
            byte[] tag = new Id3TagBuilder(3).Text("TYER", "2024").Text("TDAT", "0503").Text("TIME", time).Build();
            MetadataDate? date = AudioProbe.Probe(new MemoryStream(tag.Concat(Mp3FrameBuilder.Repeat(Mp3FrameBuilder.Mpeg1Layer3(), 8)).ToArray())).RecordedAt;
            Assert.Equal(new DateTimeOffset(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Local)), date!.Value);
            Assert.False(date.HasTimeOfDay);
        }

        [Fact]
        public void ADateOnlyIcrdGivesWayToALastWriteTimeOnTheSameDay()
        {
            string path = Copy("icrd.wav", "same-day.wav");
            var written = new DateTime(2023, 11, 2, 16, 45, 12, DateTimeKind.Local);
            File.SetLastWriteTime(path, written);

            RecordedAtChoice choice = RecordedAtChoice.For(path, null, AudioProbe.Probe(path));

            Assert.Equal((new DateTimeOffset(written), RecordedAtSource.LastWriteTime), (choice.Value, choice.Source));
            Assert.Equal($"-RecordedAt was not given for '{path}': its ICRD metadata gives the date 2023-11-02 without a time of day, and its last write time, "
                + $"{RecordedAtFormat.Format(new DateTimeOffset(written))}, falls on that date: using the last write time.", choice.Note);
        }

        [Fact]
        public void ADateOnlyIcrdStaysMidnightWhenTheLastWriteTimeIsAnotherDay()
        {
            string path = Copy("icrd.wav", "copied-later.wav");
            File.SetLastWriteTime(path, new DateTime(2023, 11, 3, 0, 0, 1, DateTimeKind.Local));

            RecordedAtChoice choice = RecordedAtChoice.For(path, null, AudioProbe.Probe(path));

            Assert.Equal((new DateTimeOffset(new DateTime(2023, 11, 2, 0, 0, 0, DateTimeKind.Local)), RecordedAtSource.Metadata), (choice.Value, choice.Source));
            Assert.Contains("It gives no time of day, so midnight was assumed", choice.Note);
        }

        [Fact]
        public void AMetadataDateWithATimeOfDayWinsOverALastWriteTimeOnTheSameDay()
        {
            string path = Path.Combine(_files.Folder, "timed.wav");
            File.WriteAllBytes(path, WavBuilder.Pcm(8000, 1, 16, 800).InfoCreationDate("2023-11-02 08:05:00").Build());
            File.SetLastWriteTime(path, new DateTime(2023, 11, 2, 16, 45, 0, DateTimeKind.Local));

            RecordedAtChoice choice = RecordedAtChoice.For(path, null, AudioProbe.Probe(path));

            Assert.Equal((new DateTimeOffset(new DateTime(2023, 11, 2, 8, 5, 0, DateTimeKind.Local)), RecordedAtSource.Metadata), (choice.Value, choice.Source));
        }

        [Fact]
        public void ADamagedContainerIsRefusedNamingWhatToCheckItWith()
        {
            // A WAV without its format chunk: damaged whatever its age (a WAV cut short is a recording still being
            // written or whose writer stopped, issue 16: no longer refused).
            byte[] wav = new WavBuilder().Chunk("data", new byte[1600]).Build();
            string path = Path.Combine(_files.Folder, "damaged.wav");
            File.WriteAllBytes(path, wav);

            ValidationFailure failure = Assert.Single(RecordingUploadValidator.Validate(Request(path)));

            Assert.Equal(ValidationErrorKind.NotAudio, failure.Kind);
            Assert.Equal($"The file '{path}' is not usable audio: it looks like a damaged WAV: it has no format chunk. "
                + $"Check it with ffprobe -v error -i \"{path}\" or sox --info \"{path}\", which say what is wrong; if it was exported cut short, export it again.", failure.Message);
        }

        [Fact]
        public void AnOddSizedWavChunkWithoutItsPadByteStaysRefusedAndTheMessageNamesFfprobe()
        {
            // RIFF requires a pad byte after an odd-sized chunk; without it every later chunk header is read one byte off
            // (ffmpeg, sox and Python's wave refuse such a file too).
            var body = new MemoryStream();
            var w = new BinaryWriter(body);
            w.Write(Encoding.ASCII.GetBytes("WAVE"));
            w.Write(Encoding.ASCII.GetBytes("fmt ")); w.Write(16u); w.Write((ushort)1); w.Write((ushort)1); w.Write(8000); w.Write(16000); w.Write((ushort)2); w.Write((ushort)16);
            w.Write(Encoding.ASCII.GetBytes("LIST")); w.Write(5u); w.Write(Encoding.ASCII.GetBytes("INFOx"));
            w.Write(Encoding.ASCII.GetBytes("data")); w.Write(1600u); w.Write(new byte[1600]);
            byte[] riff = Encoding.ASCII.GetBytes("RIFF").Concat(BitConverter.GetBytes((uint)body.Length)).Concat(body.ToArray()).ToArray();
            string path = Path.Combine(_files.Folder, "unpadded.wav");
            File.WriteAllBytes(path, riff);

            ValidationFailure failure = Assert.Single(RecordingUploadValidator.Validate(Request(path)));

            Assert.Equal(ValidationErrorKind.NotAudio, failure.Kind);
            // As ffprobe says ("no 'data' tag found") and sox ("Could not find data chunk").
            Assert.StartsWith($"The file '{path}' is not usable audio: it looks like a WAV with no audio: it has no data chunk.", failure.Message);
            Assert.Contains($"Check it with ffprobe -v error -i \"{path}\"", failure.Message);
        }

        [Fact]
        public void ADamagedMp4IsNotNamedForSoxWhichCannotReadIt()
        {
            string path = Path.Combine(_files.Folder, "cut.m4a");
            byte[] m4a = File.ReadAllBytes(Sample("tone.m4a"));
            File.WriteAllBytes(path, m4a.Take(m4a.Length / 2).ToArray());

            ValidationFailure failure = Assert.Single(RecordingUploadValidator.Validate(Request(path)));

            Assert.Contains($"Check it with ffprobe -v error -i \"{path}\", which says what is wrong", failure.Message);
            Assert.DoesNotContain("sox", failure.Message);
        }

        [Fact]
        public void BytesThatAreNotAudioAtAllKeepTheirMessage()
        {
            string path = Path.Combine(_files.Folder, "page.wav");
            File.WriteAllText(path, "<!DOCTYPE html><html><body>error</body></html>");

            ValidationFailure failure = Assert.Single(RecordingUploadValidator.Validate(Request(path)));

            Assert.Equal($"The file '{path}' is not audio: it looks like an HTML page. Pass the recording itself (WAV, MP3, MP4/M4A, Ogg, FLAC or WebM); if it was exported cut short, export it again.", failure.Message);
        }
    }
}
