using System;
using System.IO;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>Native FLAC metadata blocks: STREAMINFO's exact length, the comment date, and each way a header is broken.</summary>
    public class AudioProbeFlacTests
    {
        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        private static readonly byte[] Frames = new byte[100]; // stands in for the audio frames

        [Fact]
        public void StreamInfoGivesTheExactLength()
        {
            // 44100 Hz = 0xAC44: its low 4 bits sit in the top of byte 12.
            AudioInfo info = Probe(new FlacStreamBuilder().StreamInfo(44100, 44100 * 3, last: true).Raw(Frames).Build());
            Assert.Equal(AudioContainer.Flac, info.Container);
            Assert.Equal("audio/flac", info.MediaType);
            Assert.Equal("FLAC", info.Codec);
            Assert.Equal(TimeSpan.FromSeconds(3), info.Duration);
        }

        [Fact]
        public void TotalSamplesAreThirtySixBits()
        {
            long total = 0x1_0101_0101;
            AudioInfo info = Probe(new FlacStreamBuilder().StreamInfo(40000, total, last: true).Raw(Frames).Build());
            Assert.Equal(TimeSpan.FromTicks(total * 250), info.Duration); // 10^7 / 40000 = 250 ticks a sample
        }

        [Fact]
        public void AnUnknownTotalGivesNoLength()
        {
            AudioInfo info = Probe(new FlacStreamBuilder().StreamInfo(44100, 0, last: true).Raw(Frames).Build());
            Assert.True(info.IsRecognised);
            Assert.Null(info.Duration);
        }

        [Fact]
        public void AZeroSampleRateIsDamaged() =>
            Assert.Equal("a damaged FLAC file: its STREAMINFO has no sample rate",
                Probe(new FlacStreamBuilder().StreamInfo(0, 1000, last: true).Raw(Frames).Build()).NotAudio);

        [Fact]
        public void AStreamInfoShorterThan34BytesIsDamaged() =>
            Assert.Equal("a damaged FLAC file: it does not start with STREAMINFO",
                Probe(new FlacStreamBuilder().Block(0, true, new byte[20]).Raw(Frames).Build()).NotAudio);

        [Fact]
        public void NothingAfterTheMetadataIsNoAudio()
        {
            AudioInfo info = Probe(new FlacStreamBuilder().StreamInfo(44100, 44100, last: true).Build());
            Assert.Equal("a FLAC file with no audio after its header", info.NotAudio);
            Assert.Equal(AudioContainer.Flac, info.Container);
        }

        [Fact]
        public void AFileEndingWithinABlockHeaderIsCutShort() =>
            Assert.Equal("a FLAC file cut short in its header",
                Probe(new FlacStreamBuilder().StreamInfo(44100, 44100).Raw(new byte[] { 0x81, 0 }).Build()).NotAudio);

        [Fact]
        public void ABlockTwoBytesLongerThanTheFileIsCutShort() =>
            Assert.Equal("a FLAC file cut short: a metadata block is longer than the file",
                Probe(new FlacStreamBuilder().StreamInfo(44100, 44100).Block(1, true, new byte[98], 100).Build()).NotAudio);

        [Fact]
        public void AStreamInfoThatCannotBeReadIsNoAnswer()
        {
            // Only the header and the tail are at hand: the missing STREAMINFO bytes are not a broken file.
            byte[] file = new FlacStreamBuilder().StreamInfo(44100, 44100, last: true).Raw(new byte[8192]).Build();
            Assert.Same(AudioInfo.Unrecognised, AudioProbe.Probe(file[..8], file[^100..], file.Length));
        }

        [Fact]
        public void BlockLengthsAreTwentyFourBits()
        {
            // A 65793-byte (0x010101) padding block, then the comments with the date.
            byte[] file = new FlacStreamBuilder().StreamInfo(44100, 44100).Block(1, false, new byte[0x010101])
                .Comments(true, null, "DATE=2024-03-05").Raw(Frames).Build();
            AudioInfo info = Probe(file);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
            Assert.Equal("DATE", info.RecordedAt!.Tag);
            Assert.Equal(new DateTimeOffset(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Local)), info.RecordedAt.Value);
        }

        [Fact]
        public void CommentsAreReadOnlyWithinTheirBlock()
        {
            // The block says 2 comments but holds 1; a second one right after it is not the block's.
            byte[] after = FlacStreamBuilder.CommentBody(1, "CREATION_TIME=2025-01-01")[8..];
            byte[] file = new FlacStreamBuilder().StreamInfo(44100, 44100).Comments(true, 2, "DATE=2024-03-05").Raw(after).Raw(Frames).Build();
            Assert.Equal("DATE", Probe(file).RecordedAt!.Tag);
        }

        [Fact]
        public void OnlyThe128FirstMetadataBlocksAreRead()
        {
            // Block 129 would be longer than the file: it is never looked at.
            var flac = new FlacStreamBuilder().StreamInfo(44100, 44100);
            for (int i = 1; i < 128; i++) flac.Block(1, false, Array.Empty<byte>());
            flac.Block(1, true, Array.Empty<byte>(), 5000).Raw(Frames);
            AudioInfo info = Probe(flac.Build());
            Assert.Null(info.NotAudio);
            Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
        }

        [Fact]
        public void The128thMetadataBlockIsStillRead()
        {
            var flac = new FlacStreamBuilder().StreamInfo(44100, 44100);
            for (int i = 1; i < 127; i++) flac.Block(1, false, Array.Empty<byte>());
            flac.Block(1, true, Array.Empty<byte>(), 5000).Raw(Frames);
            Assert.Equal("a FLAC file cut short: a metadata block is longer than the file", Probe(flac.Build()).NotAudio);
        }
    }
}
