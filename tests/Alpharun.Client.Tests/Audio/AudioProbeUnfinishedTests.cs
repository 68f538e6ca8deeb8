using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// What shows that a recording's writer has not finished it (AudioInfo.Unfinished): real encodes cut where a
    /// recorder stops (samples made with ffmpeg, see Samples/README.md) and crafted headers for each rule.
    /// </summary>
    public class AudioProbeUnfinishedTests
    {
        private const string Placeholders = "its WAV header still holds placeholder sizes";
        private const string NoIndex = "its MP4 index (moov box) is not written yet";
        private const string NoLastPage = "its Ogg stream has no last page yet (no end-of-stream flag)";

        private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Audio", "Samples", name);

        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        private static byte[] Cut(string sample, int length) => File.ReadAllBytes(Sample(sample)).Take(length).ToArray();

        private static byte[] Patch(byte[] bytes, int at, uint value)
        {
            BitConverter.GetBytes(value).CopyTo(bytes, at);
            return bytes;
        }

        // --- WAV ---

        [Fact]
        public void AWavStreamedByFfmpegKeepsItsPlaceholdersAndItsLengthComesFromItsBytes()
        {
            // ffmpeg writing to a pipe cannot go back to fill in the sizes: RIFF and data stay 0xFFFFFFFF, as in a
            // recorder's file mid-call (seen the same in a file ffmpeg -re was still writing).
            AudioInfo info = AudioProbe.Probe(Sample("streamed.wav"));

            Assert.Equal(Placeholders, info.Unfinished);
            Assert.Null(info.NotAudio);
            Assert.Equal(AudioContainer.Wav, info.Container);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void AWavStreamedByFfmpegAndCutMidRecordingHasTheLengthOfWhatItHolds()
        {
            // 44 bytes of header and 4000 of audio: 2000 frames at 8 kHz.
            AudioInfo info = Probe(Cut("streamed.wav", 44 + 4000));

            Assert.Equal(Placeholders, info.Unfinished);
            Assert.Equal(TimeSpan.FromMilliseconds(250), info.Duration);
        }

        [Fact]
        public void AWavWhoseRecorderHasWrittenOnlyItsHeaderIsNoAudioYetButUnfinished()
        {
            AudioInfo info = Probe(Cut("streamed.wav", 44));

            Assert.Equal("a WAV with no audio: its data chunk is empty", info.NotAudio);
            Assert.Equal(Placeholders, info.Unfinished);
        }

        [Fact]
        public void AWavWhoseRecorderHasWrittenOnlyItsFormatChunkIsUnfinished()
        {
            AudioInfo info = Probe(Cut("streamed.wav", 36));

            Assert.Equal("a WAV with no audio: it has no data chunk", info.NotAudio);
            Assert.Equal(Placeholders, info.Unfinished);
        }

        [Fact]
        public void TheFinishedSamplesAreNotUnfinished()
        {
            foreach (string sample in new[] { "bext.wav", "rf64.wav", "tone.m4a", "vorbis.ogg", "opus.opus", "tone.flac", "cbr.mp3", "tone.webm" })
            {
                Assert.True(AudioProbe.Probe(Sample(sample)).Unfinished is null, sample);
            }
        }

        [Theory]
        [InlineData(0u)]
        [InlineData(0xFFFFFFFFu)]
        public void ADataSizePlaceholderAloneIsUnfinished(uint placeholder)
        {
            // The RIFF size is right; the data chunk's is 0 or 0xFFFFFFFF: the audio is the rest of the file.
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Data(16000, placeholder).Build();
            AudioInfo info = Probe(bytes);
            Assert.Equal(Placeholders, info.Unfinished);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Theory]
        [InlineData(0u)]
        [InlineData(0xFFFFFFFFu)]
        public void ARiffSizePlaceholderAloneIsUnfinished(uint placeholder)
        {
            byte[] bytes = Patch(new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Data(16000).Build(), 4, placeholder);
            AudioInfo info = Probe(bytes);
            Assert.Equal(Placeholders, info.Unfinished);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void ADataChunkPromisingMoreThanTheFileHoldsIsUnfinishedWithTheLengthOfWhatItHolds()
        {
            // Before issue 16 this was NotAudio ("a WAV cut short"): an old file is now sent as it is, with a warning.
            byte[] bytes = new WavBuilder().Fmt(1, 8000, 1, 16).Chunk("data", new byte[100], 16000).Build();
            AudioInfo info = Probe(bytes);
            Assert.Equal("its WAV header promises 16000 bytes of audio but the file holds 100", info.Unfinished);
            Assert.Null(info.NotAudio);
            Assert.Equal(TimeSpan.FromTicks(62500), info.Duration);
        }

        [Fact]
        public void ARiffSizePromisingMoreThanTheFileHoldsIsUnfinished()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Data(16000).Build();
            uint riff = (uint)(bytes.Length - 8);
            Patch(bytes, 4, riff + 2);
            Assert.Equal($"its RIFF header promises {riff + 2} bytes but the file holds {riff}", Probe(bytes).Unfinished);
        }

        [Fact]
        public void ARiffSizeOneByteOverIsAMissingPadByteNotAnUnfinishedFile()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Data(16000).Build();
            Patch(bytes, 4, (uint)(bytes.Length - 8 + 1));
            Assert.Null(Probe(bytes).Unfinished);
        }

        [Fact]
        public void ARiffSizeSmallerThanTheFileIsTrailingBytesNotAnUnfinishedFile()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Data(16000).Raw(new byte[10]).Build();
            Patch(bytes, 4, (uint)(bytes.Length - 8 - 10));
            Assert.Null(Probe(bytes).Unfinished);
        }

        [Fact]
        public void AnRf64WithDs64DataSizeZeroIsAPlaceholderAndTakesTheRestOfTheFile()
        {
            byte[] bytes = new RiffWaveBuilder("RF64").Ds64(0, 0, 0).Fmt(1, 8000, 1, 16).Data(16000, 0xFFFFFFFF).Build();
            AudioInfo info = Probe(bytes);
            Assert.Equal(Placeholders, info.Unfinished);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void AnRf64WhoseDs64PromisesMoreThanTheFileHoldsIsUnfinished()
        {
            byte[] bytes = new RiffWaveBuilder("RF64").Ds64(0, 64000, 0).Fmt(1, 8000, 1, 16).Data(16000, 0xFFFFFFFF).Build();
            AudioInfo info = Probe(bytes);
            Assert.Equal("its WAV header promises 64000 bytes of audio but the file holds 16000", info.Unfinished);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Theory]
        [InlineData("RF64")]
        [InlineData("BW64")]
        public void AnRf64OrBw64IsNotUnfinishedForItsRiffSizeOfFfffffff(string form)
        {
            // Their RIFF size is 0xFFFFFFFF by design (ds64 holds the sizes).
            byte[] bytes = new RiffWaveBuilder(form).Ds64(0, 16000, 8000).Fmt(1, 8000, 1, 16).Data(16000, 0xFFFFFFFF).Build();
            Assert.Null(Probe(bytes).Unfinished);
        }

        [Fact]
        public void AnUnfinishedNonPcmWavTakesItsLengthFromItsBytesNotFromAFactPlaceholder()
        {
            // mu-law, 8000 bytes a second: a fact chunk written up front may count anything; 4000 bytes are 0.5 s.
            byte[] bytes = new RiffWaveBuilder().Fmt(7, 8000, 1, 8).Fact(99_999).Data(4000, 0xFFFFFFFF).Build();
            AudioInfo info = Probe(bytes);
            Assert.Equal(Placeholders, info.Unfinished);
            Assert.Equal(TimeSpan.FromSeconds(0.5), info.Duration);
        }

        [Fact]
        public void AFinishedNonPcmWavKeepsTheLengthOfItsFactChunk()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(7, 8000, 1, 8).Fact(12_000).Data(4000).Build();
            AudioInfo info = Probe(bytes);
            Assert.Null(info.Unfinished);
            Assert.Equal(TimeSpan.FromSeconds(1.5), info.Duration);
        }

        // --- MP4 ---

        [Fact]
        public void AnM4aCutBeforeItsIndexIsUnfinishedAndStillNotAudio()
        {
            // ffmpeg writes moov last (at byte 8521 of the sample): a recorder's file mid-call ends before it.
            AudioInfo info = Probe(Cut("tone.m4a", 8521));

            Assert.Equal(NoIndex, info.Unfinished);
            Assert.Equal("an MP4 file with no index (moov box): cut short or still being written", info.NotAudio);
        }

        [Fact]
        public void AnM4aCutInsideItsMediaIsUnfinishedAndStillNotAudio()
        {
            AudioInfo info = Probe(Cut("tone.m4a", 5000));

            Assert.Equal("its MP4 box at byte 36 runs past the end of the file", info.Unfinished);
            Assert.Equal("an MP4 file cut short: a box at byte 36 is longer than the file", info.NotAudio);
        }

        [Fact]
        public void AnM4aWhoseMediaBoxRunsToTheEndWithoutAnIndexIsUnfinished()
        {
            // ffmpeg -re writing an .m4a: ftyp, free, then mdat with size 0 ("to the end") until it finishes.
            byte[] bytes = Mp4BoxBuilder.Join(Mp4BoxBuilder.Ftyp(), Mp4BoxBuilder.BoxSized("mdat", 0, new byte[500]));
            Assert.Equal(NoIndex, Probe(bytes).Unfinished);
        }

        [Fact]
        public void AnMp4BoxTooSmallToBeABoxIsDamageNotAnUnfinishedFile()
        {
            byte[] bytes = Mp4BoxBuilder.Join(Mp4BoxBuilder.Ftyp(), new byte[] { 0, 0, 0, 3 }, System.Text.Encoding.ASCII.GetBytes("free"), new byte[64]);
            AudioInfo info = Probe(bytes);
            Assert.Equal("an MP4 file cut short: a box at byte 16 is longer than the file", info.NotAudio);
            Assert.Null(info.Unfinished);
        }

        [Fact]
        public void AnMp4CutInsideABoxHeaderIsUnfinished()
        {
            byte[] bytes = Mp4BoxBuilder.Join(Mp4BoxBuilder.Ftyp(), new byte[] { 0, 0, 0 });
            Assert.Equal("its MP4 box at byte 16 runs past the end of the file", Probe(bytes).Unfinished);
        }

        // --- Ogg ---

        [Fact]
        public void AnOpusFileCutBeforeItsLastPageIsUnfinishedWithTheLengthOfItsLastGranule()
        {
            // The sample's last page (at byte 5059) carries the end-of-stream flag; the one before it does not.
            AudioInfo whole = AudioProbe.Probe(Sample("opus.opus"));
            AudioInfo info = Probe(Cut("opus.opus", 5059));

            Assert.Equal(NoLastPage, info.Unfinished);
            Assert.Equal(AudioContainer.Ogg, info.Container);
            Assert.Null(info.NotAudio);
            Assert.True(info.Duration > TimeSpan.FromSeconds(2) && info.Duration < whole.Duration, $"{info.Duration} of {whole.Duration}");
        }

        [Fact]
        public void AnOggFileCutInsideItsLastPageIsUnfinished()
        {
            Assert.Equal("its last Ogg page is cut short", Probe(Cut("vorbis.ogg", 4600)).Unfinished);
        }

        [Fact]
        public void AnOggStreamOfOnlyItsHeaderPagesIsUnfinished()
        {
            // What ffmpeg -re writing .opus had on disk after a few seconds: OpusHead and OpusTags, no audio yet.
            byte[] bytes = OggPageBuilder.Concat(
                OggPageBuilder.Page(7, 0, OggPageBuilder.OpusHead(312)),
                OggPageBuilder.Page(7, 0, OggPageBuilder.OpusTags()));
            Assert.Equal(NoLastPage, Probe(bytes).Unfinished);
        }

        /// <summary>A page of serial 7 with the end-of-stream flag (0x04 in its header type).</summary>
        private static byte[] LastPage(ulong granule)
        {
            byte[] page = OggPageBuilder.Page(7, granule, OggPageBuilder.Audio(40));
            page[5] |= 0x04;
            return page;
        }

        [Fact]
        public void AnOggStreamEndingWithItsEndOfStreamPageIsFinished()
        {
            byte[] bytes = OggPageBuilder.Concat(
                OggPageBuilder.Page(7, 0, OggPageBuilder.OpusHead(312)),
                OggPageBuilder.Page(7, 0, OggPageBuilder.OpusTags()),
                OggPageBuilder.Page(7, 24_312, OggPageBuilder.Audio(40)),
                LastPage(48_312));
            AudioInfo info = Probe(bytes);
            Assert.Null(info.Unfinished);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void OnlyTheLastPageOfTheStreamsOwnSerialCounts()
        {
            // A page of another logical stream after it (a chained or multiplexed file) says nothing of this one.
            byte[] bytes = OggPageBuilder.Concat(
                OggPageBuilder.Page(7, 0, OggPageBuilder.OpusHead(312)),
                OggPageBuilder.Page(7, 0, OggPageBuilder.OpusTags()),
                LastPage(48_312),
                OggPageBuilder.Page(9, 100, OggPageBuilder.Audio(40)));
            Assert.Null(Probe(bytes).Unfinished);
        }
    }
}
