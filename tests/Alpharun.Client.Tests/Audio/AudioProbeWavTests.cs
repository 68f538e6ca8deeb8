using System;
using System.IO;
using System.Text;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>RIFF/WAVE, RF64 and BW64 headers, each crafted to pin one rule of the WAV reader.</summary>
    public class AudioProbeWavTests
    {
        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        private static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));

        private static DateTimeOffset Local(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) =>
            new DateTimeOffset(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Local));

        [Theory]
        [InlineData("RIFF")]
        [InlineData("RF64")]
        [InlineData("BW64")]
        public void EachWavFormIdIsAWav(string form)
        {
            var wav = new RiffWaveBuilder(form).Fmt(1, 8000, 1, 16).Data(16000);
            AudioInfo info = Probe(wav.Build());
            Assert.Equal(AudioContainer.Wav, info.Container);
            Assert.Equal("audio/wav", info.MediaType);
            Assert.Equal("PCM", info.Codec);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void WaveAtByteEightWithoutARiffIdIsNotAWav()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Data(16000).Build();
            bytes[0] = 0; bytes[1] = 1; bytes[2] = 2; bytes[3] = 3;
            Assert.Same(AudioInfo.Unrecognised, Probe(bytes));
        }

        [Fact]
        public void ARiffWebpIsAWebpImageNotAWav()
        {
            byte[] bytes = new RiffWaveBuilder("RIFF", "WEBP").Chunk("VP8 ", new byte[64]).Build();
            Assert.Equal("a WebP image", Probe(bytes).NotAudio);
        }

        [Fact]
        public void Rf64DataSizeComesFromDs64WhenTheChunkSaysFFFFFFFF()
        {
            // A LIST after the audio: taking "the rest of the file" instead of ds64 would count it as audio.
            byte[] bytes = new RiffWaveBuilder("RF64").Ds64(0, 16000, 0).Fmt(1, 8000, 1, 16).Data(16000, 0xFFFFFFFF)
                .List("INFO", ("ISFT", "test")).Build();
            Assert.Equal(TimeSpan.FromSeconds(1), Probe(bytes).Duration);
        }

        [Fact]
        public void ARiffWavIgnoresADs64ChunkForItsStreamingPlaceholder()
        {
            // Only RF64/BW64 take ds64: a RIFF with FFFFFFFF takes the rest of the file (here 2 s, not ds64's 1 s).
            byte[] bytes = new RiffWaveBuilder().Ds64(0, 16000, 0).Fmt(1, 8000, 1, 16).Data(32000, 0xFFFFFFFF).Build();
            Assert.Equal(TimeSpan.FromSeconds(2), Probe(bytes).Duration);
        }

        [Fact]
        public void Rf64DataChunkWithARealSizeKeepsThatSizeOverDs64()
        {
            byte[] bytes = new RiffWaveBuilder("RF64").Ds64(0, 999_999, 0).Fmt(1, 8000, 1, 16).Data(16000).Build();
            AudioInfo info = Probe(bytes);
            Assert.Null(info.NotAudio);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void Rf64CompressedLengthComesFromTheDs64SampleCount()
        {
            // A-law at 8 kHz: 16000 bytes would be 2 s by byte rate; ds64 says 8000 samples, 1 s.
            byte[] bytes = new RiffWaveBuilder("RF64").Ds64(0, 16000, 8000).Fmt(6, 8000, 1, 8).Data(16000, 0xFFFFFFFF).Build();
            AudioInfo info = Probe(bytes);
            Assert.Equal("A-law", info.Codec);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void Rf64WithAZeroDs64SampleCountFallsBackToTheByteRate()
        {
            byte[] bytes = new RiffWaveBuilder("RF64").Ds64(0, 16000, 0).Fmt(6, 8000, 1, 8).Data(16000, 0xFFFFFFFF).Build();
            Assert.Equal(TimeSpan.FromSeconds(2), Probe(bytes).Duration);
        }

        [Fact]
        public void CompressedLengthComesFromTheFactSampleCount()
        {
            // IMA ADPCM: 4000 bytes at 4055 bytes/s would not be 1 s; fact says 8000 samples at 8 kHz.
            byte[] bytes = new RiffWaveBuilder().Fmt(0x11, 8000, 1, 4, byteRate: 4055, blockAlign: 256).Fact(8000).Data(4000).Build();
            AudioInfo info = Probe(bytes);
            Assert.Equal("IMA ADPCM", info.Codec);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void AZeroFactSampleCountFallsBackToTheByteRate()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(0x11, 8000, 1, 4, byteRate: 4000, blockAlign: 256).Fact(0).Data(8000).Build();
            Assert.Equal(TimeSpan.FromSeconds(2), Probe(bytes).Duration);
        }

        [Fact]
        public void CompressedLengthWithoutSampleCountsIsDataOverByteRate()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(7, 8000, 1, 8).Data(12000).Build();
            AudioInfo info = Probe(bytes);
            Assert.Equal("mu-law", info.Codec);
            Assert.Equal(TimeSpan.FromSeconds(1.5), info.Duration);
        }

        [Fact]
        public void CompressedWithAZeroByteRateHasNoLength()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(0x55, 8000, 1, 0, byteRate: 0, blockAlign: 1).Data(12000).Build();
            AudioInfo info = Probe(bytes);
            Assert.Equal("MP3", info.Codec);
            Assert.True(info.IsRecognised);
            Assert.Null(info.Duration);
        }

        [Theory]
        [InlineData(1, "PCM")]
        [InlineData(3, "PCM float")]
        [InlineData(6, "A-law")]
        [InlineData(7, "mu-law")]
        [InlineData(0x11, "IMA ADPCM")]
        [InlineData(0x55, "MP3")]
        [InlineData(2, "format 0x0002")]
        [InlineData(0xA1B2, "format 0xA1B2")]
        public void TheCodecIsNamedFromTheFormatTag(int formatTag, string codec) =>
            Assert.Equal(codec, Probe(new RiffWaveBuilder().Fmt(formatTag, 8000, 1, 16).Data(16000).Build()).Codec);

        [Fact]
        public void PcmLengthCountsWholeFramesOnly()
        {
            // 16-bit mono: 16001 bytes hold 8000 whole frames (1 s), not 16001 / 16000 s.
            AudioInfo info = Probe(new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Data(16001).Build());
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void FloatPcmLengthCountsWholeFramesOnly()
        {
            AudioInfo info = Probe(new RiffWaveBuilder().Fmt(3, 8000, 1, 32).Data(32003).Build());
            Assert.Equal("PCM float", info.Codec);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void ExtensibleFormatTakesItsSubFormat()
        {
            AudioInfo info = Probe(new RiffWaveBuilder().FmtExtensible(1, 8000, 1, 16).Data(16001).Build());
            Assert.Equal("PCM", info.Codec);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void AnExtensibleTagWithoutItsExtensionStaysUnknown()
        {
            // Only the 16 bytes of the chunk are the format: the data chunk after it is no sub-format.
            AudioInfo info = Probe(new RiffWaveBuilder().Fmt(0xFFFE, 8000, 1, 16).Data(16000).Build());
            Assert.Equal("format 0xFFFE", info.Codec);
        }

        [Fact]
        public void AFormatChunkShorterThanSixteenBytesIsDamaged()
        {
            AudioInfo info = Probe(new RiffWaveBuilder().Chunk("fmt ", new byte[14]).Data(16000).Build());
            Assert.Equal("a damaged WAV: its format chunk is too short", info.NotAudio);
            Assert.Equal(AudioContainer.Wav, info.Container);
        }

        [Fact]
        public void AnOddSizedChunkIsFollowedByItsPadByte()
        {
            byte[] bytes = new RiffWaveBuilder().Chunk("junk", new byte[3]).Fmt(1, 8000, 1, 16).Data(16000).Build();
            Assert.Equal(TimeSpan.FromSeconds(1), Probe(bytes).Duration);
        }

        [Fact]
        public void OnlyTheFirstSixtyFourChunksAreRead()
        {
            var wav = new RiffWaveBuilder();
            for (int i = 0; i < 63; i++) wav.Chunk("junk", Array.Empty<byte>());
            wav.Fmt(1, 8000, 1, 16).Data(16000); // fmt is the 64th chunk, data the 65th
            Assert.Equal("a WAV with no audio: it has no data chunk", Probe(wav.Build()).NotAudio);
        }

        [Fact]
        public void TheSixtyFourthChunkIsStillRead()
        {
            var wav = new RiffWaveBuilder();
            for (int i = 0; i < 62; i++) wav.Chunk("junk", Array.Empty<byte>());
            wav.Fmt(1, 8000, 1, 16).Data(16000);
            Assert.Equal(TimeSpan.FromSeconds(1), Probe(wav.Build()).Duration);
        }

        [Fact]
        public void BytesTooFewForAChunkHeaderAfterTheChunksAreIgnored()
        {
            // Head and tail only, the tail's last 4 bytes unknown: the answer must not wait on them.
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Chunk("junk", new byte[8]).Raw(new byte[4]).Build();
            AudioInfo info = AudioProbe.Probe(bytes[..^4], Array.Empty<byte>(), bytes.Length);
            Assert.Equal("a WAV with no audio: it has no data chunk", info.NotAudio);
        }

        [Fact]
        public void AChunkHeaderThatCannotBeReadEndsTheWalk()
        {
            // The check holds the head and the tail; the 'junk' header between them is unknown. Walking on in
            // steps of 8 bytes would stumble on the data chunk's header by chance: the answer is "unrecognised".
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Chunk("junk", Array.Empty<byte>()).Data(16000).Build();
            // RIFF header 12 bytes, fmt 8 + 16: the 'junk' header is bytes 36 to 44, the data chunk's from 44.
            AudioInfo info = AudioProbe.Probe(bytes[..36], bytes[44..], bytes.Length);
            Assert.Same(AudioInfo.Unrecognised, info);
        }

        [Fact]
        public void BextOriginationDateAndTimeAreTheRecordingDate()
        {
            MetadataDate? date = Probe(new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Bext("2024-03-05", "14:30:00").Data(16000).Build()).RecordedAt;
            Assert.NotNull(date);
            Assert.Equal("bext", date!.Tag);
            Assert.False(date.HasZone);
            Assert.Equal(Local(2024, 3, 5, 14, 30, 0), date.Value);
        }

        [Fact]
        public void BextAcceptsAnySeparatorInItsDateAndTime()
        {
            MetadataDate? date = Probe(new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Bext("2024:03:05", "14-30-00").Data(16000).Build()).RecordedAt;
            Assert.Equal(Local(2024, 3, 5, 14, 30, 0), date!.Value);
        }

        [Fact]
        public void BextWithoutATimeGivesTheDateAtMidnight()
        {
            MetadataDate? date = Probe(new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Bext("2024-03-05", "").Data(16000).Build()).RecordedAt;
            Assert.Equal(Local(2024, 3, 5), date!.Value);
        }

        [Fact]
        public void BextWithAPartialTimeGivesTheDateAtMidnight()
        {
            MetadataDate? date = Probe(new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Bext("2024-03-05", "14:30").Data(16000).Build()).RecordedAt;
            Assert.Equal(Local(2024, 3, 5), date!.Value);
        }

        [Fact]
        public void WithBextSeenTheChunksAfterTheAudioAreNotRead()
        {
            // The trailing chunk lies about its size: once bext and the audio are read it is never looked at.
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Bext("2024-03-05", "14:30:00").Data(16000)
                .Chunk("junk", Array.Empty<byte>(), 1000).Raw(new byte[8]).Build();
            AudioInfo info = Probe(bytes);
            Assert.Null(info.NotAudio);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void AChunkAfterTheAudioThatIsLongerThanTheFileIsDamaged()
        {
            // Exactly one chunk header after the audio, promising a body the file does not have.
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Data(16000).Chunk("junk", Array.Empty<byte>(), 4).Build();
            Assert.Equal("a damaged WAV: its 'junk' chunk is longer than the file", Probe(bytes).NotAudio);
        }

        [Theory]
        [InlineData("ab\u0001c", "?")]
        [InlineData("ab\u007Fc", "?")]
        [InlineData("ab~c", "ab~c")]
        [InlineData("ab c", "ab c")]
        public void ADamagedChunkIsNamedOnlyWhenItsIdIsPrintable(string id, string named)
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).Chunk(id, new byte[4], 100).Build();
            Assert.Equal($"a damaged WAV: its '{named}' chunk is longer than the file", Probe(bytes).NotAudio);
        }

        [Fact]
        public void InfoCreationDateIsTheRecordingDate()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).List("INFO", ("ICRD", "2024-03-05")).Data(16000).Build();
            MetadataDate? date = Probe(bytes).RecordedAt;
            Assert.Equal("ICRD", date!.Tag);
            Assert.Equal(Local(2024, 3, 5), date.Value);
        }

        [Fact]
        public void IcrdIsFoundAfterOddAndEvenSizedSubChunks()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16)
                .List("INFO", ("INAM", "call\0"), ("ISFT", "abcd"), ("ICRD", "2024-03-05")).Data(16000).Build();
            Assert.Equal(Local(2024, 3, 5), Probe(bytes).RecordedAt!.Value);
        }

        [Fact]
        public void OnlySixtyFourInfoSubChunksAreRead()
        {
            var subChunks = new (string, string)[65];
            for (int i = 0; i < 64; i++) subChunks[i] = ("IKEY", "");
            subChunks[64] = ("ICRD", "2024-03-05");
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).List("INFO", subChunks).Data(16000).Build();
            Assert.Null(Probe(bytes).RecordedAt);
        }

        [Fact]
        public void TheSixtyFourthInfoSubChunkIsStillRead()
        {
            var subChunks = new (string, string)[64];
            for (int i = 0; i < 63; i++) subChunks[i] = ("IKEY", "");
            subChunks[63] = ("ICRD", "2024-03-05");
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).List("INFO", subChunks).Data(16000).Build();
            Assert.Equal(Local(2024, 3, 5), Probe(bytes).RecordedAt!.Value);
        }

        [Fact]
        public void AListOtherThanInfoHoldsNoCreationDate()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).List("adtl", ("ICRD", "2024-03-05")).Data(16000).Build();
            Assert.Null(Probe(bytes).RecordedAt);
        }

        [Fact]
        public void AnIcrdChunkOutsideTheListIsNotRead()
        {
            byte[] icrd = Encoding.ASCII.GetBytes("2024-03-05");
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).List("INFO", ("ISFT", "abcd")).Chunk("ICRD", icrd).Data(16000).Build();
            Assert.Null(Probe(bytes).RecordedAt);
        }

        [Fact]
        public void TheFirstListWithACreationDateWins()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).List("INFO", ("ICRD", "2024-03-05"))
                .List("INFO", ("ISFT", "abcd")).List("INFO", ("ICRD", "2025-01-01")).Data(16000).Build();
            Assert.Equal(Local(2024, 3, 5), Probe(bytes).RecordedAt!.Value);
        }

        [Fact]
        public void BextWinsOverIcrd()
        {
            byte[] bytes = new RiffWaveBuilder().Fmt(1, 8000, 1, 16).List("INFO", ("ICRD", "2025-01-01"))
                .Bext("2024-03-05", "14:30:00").Data(16000).Build();
            MetadataDate? date = Probe(bytes).RecordedAt;
            Assert.Equal("bext", date!.Tag);
            Assert.Equal(Local(2024, 3, 5, 14, 30, 0), date.Value);
        }
    }
}
