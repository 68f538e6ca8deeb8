using System;
using System.IO;
using Xunit;
using static Alpharun.Tests.Mp3FrameBuilder;

namespace Alpharun.Tests
{
    /// <summary>MPEG audio frame headers, Xing/Info, LAME and VBRI headers and ID3v1, each crafted to one exact answer.</summary>
    public class AudioProbeMp3Tests
    {
        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        private static TimeSpan Ms(double ms) => TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));

        [Fact]
        public void Mpeg1Layer3CbrLengthIsTheAudioBytesOverTheBitrate()
        {
            // 10 frames of 576 bytes at 128 kbit/s: 46080 bits, 360 ms.
            AudioInfo info = Probe(Repeat(Mpeg1Layer3(), 10));
            Assert.Equal(AudioContainer.Mp3, info.Container);
            Assert.Equal("audio/mpeg", info.MediaType);
            Assert.Equal("MP3", info.Codec);
            Assert.Equal(Ms(360), info.Duration);
        }

        [Fact]
        public void AnId3v1TagAtTheEndIsNotCountedAsAudio()
        {
            byte[] id3v1 = new byte[128];
            Ascii(id3v1, 0, "TAG");
            Assert.Equal(Ms(360), Probe(Join(Repeat(Mpeg1Layer3(), 10), id3v1)).Duration);
        }

        [Fact]
        public void APaddedFrameIsFollowedOneByteLater()
        {
            // 577 + 576 bytes at 128 kbit/s.
            AudioInfo info = Probe(Join(Mpeg1Layer3(padding: true), Mpeg1Layer3()));
            Assert.Equal(TimeSpan.FromTicks(1153L * 8 * TimeSpan.TicksPerSecond / 128000), info.Duration);
        }

        [Fact]
        public void Mpeg1Layer2IsNamedWithItsLayer()
        {
            // 128 kbit/s (layer II table), 32 kHz: 1152 samples, 576 bytes.
            AudioInfo info = Probe(Repeat(Frame(3, 2, 8, 2, 576), 2));
            Assert.Equal(AudioContainer.Mp3, info.Container);
            Assert.Equal("MPEG layer 2", info.Codec);
            Assert.Equal(Ms(72), info.Duration);
        }

        [Fact]
        public void Mpeg1Layer1FramesAreFourByteSlots()
        {
            // 128 kbit/s, 32 kHz: 12 * 128000 / 32000 = 48 slots of 4 bytes; padded, 49 slots.
            AudioInfo info = Probe(Join(Frame(3, 3, 4, 2, 196, padding: true), Frame(3, 3, 4, 2, 192)));
            Assert.Equal("MPEG layer 1", info.Codec);
            Assert.Equal(TimeSpan.FromTicks(388L * 8 * TimeSpan.TicksPerSecond / 128000), info.Duration);
        }

        [Fact]
        public void Mpeg2Layer1UsesItsOwnBitrateTable()
        {
            // MPEG-2 layer I index 4 is 64 kbit/s; at 24 kHz, 32 slots of 4 bytes.
            AudioInfo info = Probe(Repeat(Frame(2, 3, 4, 1, 128), 2));
            Assert.Equal("MPEG layer 1", info.Codec);
            Assert.Equal(Ms(32), info.Duration);
        }

        [Fact]
        public void Mpeg2Layer2Has1152SamplesPerFrame()
        {
            // MPEG-2 layer II index 4 is 32 kbit/s; at 24 kHz, 1152 / 8 * 32000 / 24000 = 192 bytes.
            AudioInfo info = Probe(Repeat(Frame(2, 2, 4, 1, 192), 2));
            Assert.Equal("MPEG layer 2", info.Codec);
            Assert.Equal(Ms(96), info.Duration);
        }

        // MPEG-1 stereo 32 bytes of side information, mono 17; MPEG-2 stereo 17, mono 9.
        [Theory]
        [InlineData(3, false, 32, 36_000)]
        [InlineData(3, true, 17, 36_000)]
        [InlineData(2, false, 17, 24_000)]
        [InlineData(2, true, 9, 24_000)]
        public void TheXingFrameCountIsReadAfterTheSideInformation(int versionBits, bool mono, int sideInfo, int ms)
        {
            // MPEG-1: 1152 samples at 32 kHz; MPEG-2 layer III 32 kbit/s: 576 samples at 24 kHz, 96 bytes.
            int length = versionBits == 3 ? 576 : 96;
            int bitrateIndex = versionBits == 3 ? 9 : 4;
            int rateIndex = versionBits == 3 ? 2 : 1;
            byte[] first = Frame(versionBits, 1, bitrateIndex, rateIndex, length, mono: mono);
            Xing(first, 4 + sideInfo, "Xing", 1, 1000);
            Assert.Equal(Ms(ms), Probe(Join(first, Frame(versionBits, 1, bitrateIndex, rateIndex, length, mono: mono))).Duration);
        }

        [Fact]
        public void AnInfoHeaderCountsLikeXing()
        {
            byte[] first = Mpeg1Layer3();
            Xing(first, 36, "Info", 1, 1000);
            Assert.Equal(TimeSpan.FromSeconds(36), Probe(Join(first, Mpeg1Layer3())).Duration);
        }

        [Fact]
        public void AXingHeaderWithoutTheFramesFlagFallsBackToTheBitrate()
        {
            byte[] first = Mpeg1Layer3();
            Xing(first, 36, "Xing", 0, 0);
            U32BE(first, 44, 1000); // a count the flags do not announce
            Assert.Equal(Ms(72), Probe(Join(first, Mpeg1Layer3())).Duration);
        }

        [Fact]
        public void AXingHeaderCountingNoFramesFallsBackToTheBitrate()
        {
            byte[] first = Mpeg1Layer3();
            Xing(first, 36, "Xing", 1, 0);
            Assert.Equal(Ms(72), Probe(Join(first, Mpeg1Layer3())).Duration);
        }

        [Theory]
        [InlineData("LAME")]
        [InlineData("Lavc")]
        [InlineData("Lavf")]
        public void TheEncoderDelayAndPaddingAreNotCounted(string encoder)
        {
            byte[] first = Mpeg1Layer3();
            int lame = Xing(first, 36, "Xing", 1, 1000);
            Lame(first, lame, encoder, 577, 999);
            long samples = 1000 * 1152 - 577 - 999;
            Assert.Equal(TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / 32000), Probe(Join(first, Mpeg1Layer3())).Duration);
        }

        [Fact]
        public void TheEncoderExtensionFollowsEveryXingFieldTheFlagsAnnounce()
        {
            byte[] first = Mpeg1Layer3();
            int lame = Xing(first, 36, "Xing", 0x0F, 1000);
            Assert.Equal(36 + 8 + 4 + 4 + 100 + 4, lame);
            Lame(first, lame, "LAME", 577, 999);
            long samples = 1000 * 1152 - 577 - 999;
            Assert.Equal(TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / 32000), Probe(Join(first, Mpeg1Layer3())).Duration);
        }

        [Fact]
        public void DelayAndPaddingOfAnUnknownEncoderAreNotRead()
        {
            byte[] first = Mpeg1Layer3();
            int lame = Xing(first, 36, "Xing", 1, 1000);
            Lame(first, lame, "XXXX", 577, 1000);
            Assert.Equal(TimeSpan.FromSeconds(36), Probe(Join(first, Mpeg1Layer3())).Duration);
        }

        [Fact]
        public void DelayAndPaddingThatWouldLeaveNothingAreIgnored()
        {
            byte[] first = Mpeg1Layer3();
            int lame = Xing(first, 36, "Xing", 1, 1);
            Lame(first, lame, "LAME", 576, 576);
            Assert.Equal(Ms(36), Probe(Join(first, Mpeg1Layer3())).Duration);
        }

        [Fact]
        public void AnEncoderExtensionCutShortByTheEndOfTheFileIsIgnored()
        {
            // MPEG-2 layer III mono 8 kbit/s at 16 kHz: 36-byte frames, Xing at 13, LAME at 25, its delay at 46:
            // past the end of a file of one frame and the next header.
            byte[] first = Frame(2, 1, 1, 2, 36, mono: true);
            int lame = Xing(first, 13, "Xing", 1, 100);
            Ascii(first, lame, "LAME");
            AudioInfo info = Probe(Join(first, Frame(2, 1, 1, 2, 4, mono: true)));
            Assert.Equal(TimeSpan.FromMilliseconds(3600), info.Duration);
        }

        [Fact]
        public void TheVbriFrameCountGivesTheLength()
        {
            byte[] first = Mpeg1Layer3();
            Ascii(first, 36, "VBRI");
            U32BE(first, 50, 1000);
            Assert.Equal(TimeSpan.FromSeconds(36), Probe(Join(first, Mpeg1Layer3())).Duration);
        }

        [Fact]
        public void AVbriHeaderCountingNoFramesFallsBackToTheBitrate()
        {
            byte[] first = Mpeg1Layer3();
            Ascii(first, 36, "VBRI");
            Assert.Equal(Ms(72), Probe(Join(first, Mpeg1Layer3())).Duration);
        }

        [Fact]
        public void Layer1XingCountsHave384SamplesPerFrame()
        {
            byte[] first = Frame(3, 3, 4, 2, 192);
            Xing(first, 36, "Xing", 1, 1000);
            Assert.Equal(TimeSpan.FromSeconds(12), Probe(Join(first, Frame(3, 3, 4, 2, 192))).Duration);
        }

        [Fact]
        public void JunkBetweenTheId3TagAndTheFramesIsSkipped()
        {
            byte[] junk = new byte[100];
            junk[50] = 0xFF; // a lone sync byte that starts no frame
            byte[] file = Join(Id3(0), junk, Repeat(Mpeg1Layer3(), 10));
            AudioInfo info = Probe(file);
            Assert.Equal("MP3", info.Codec);
            Assert.Equal(Ms(360), info.Duration);
        }

        [Fact]
        public void FramesStarting4096BytesAfterTheTagAreFound()
        {
            AudioInfo info = Probe(Join(Id3(0), new byte[4096], Repeat(Mpeg1Layer3(), 10)));
            Assert.Equal("MP3", info.Codec);
            Assert.Equal(Ms(360), info.Duration);
        }

        [Fact]
        public void FramesStartingFurtherAfterTheTagAreNotSearchedFor() =>
            Assert.Same(AudioInfo.Unrecognised, Probe(Join(Id3(0), new byte[4097], Repeat(Mpeg1Layer3(), 10))));

        [Fact]
        public void ReservedVersionBitsAreNoFrame() =>
            // Read as MPEG-2.5 at 8 kHz, 80 kbit/s, such frames would be 720 bytes long: they are not frames at all.
            Assert.Same(AudioInfo.Unrecognised, Probe(Repeat(Frame(1, 1, 9, 2, 720), 4)));

        [Fact]
        public void ReservedLayerBitsAreNoFrame() =>
            Assert.Same(AudioInfo.Unrecognised, Probe(Repeat(Frame(3, 0, 9, 2, 648), 4)));

        [Theory]
        [InlineData(0)]  // free format
        [InlineData(15)] // the forbidden index
        public void FreeFormatOrForbiddenBitratesAreNoFrame(int bitrateIndex) =>
            // A padded layer I frame with no bitrate would be one 4-byte slot long.
            Assert.Same(AudioInfo.Unrecognised, Probe(Repeat(Frame(3, 3, bitrateIndex, 0, 4, padding: true), 64)));

        [Fact]
        public void TheReservedSampleRateIsNoFrame() =>
            Assert.Same(AudioInfo.Unrecognised, Probe(Repeat(Frame(3, 1, 9, 3, 576), 4)));
    }
}
