using System;
using System.IO;
using Xunit;
using static Alpharun.Tests.Mp4BoxBuilder;

namespace Alpharun.Tests
{
    /// <summary>MP4 box walking and the movie header: exact lengths and creation times, and each broken layout's message.</summary>
    public class AudioProbeMp4Tests
    {
        private static readonly DateTimeOffset Epoch1904 = new DateTimeOffset(1904, 1, 1, 0, 0, 0, TimeSpan.Zero);

        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        // The whole file as the head: no read budget, so the box limits themselves are what stops the walk.
        private static AudioInfo ProbeWhole(byte[] bytes) => AudioProbe.Probe(bytes, Array.Empty<byte>(), bytes.Length);

        private static byte[] Moov(byte[] mvhdBody) => Box("moov", Box("mvhd", mvhdBody));

        [Fact]
        public void TheMovieHeaderGivesTheLengthAndTheCreationTime()
        {
            AudioInfo info = Probe(Join(Ftyp(), Moov(MvhdV0(3_000_000_000, 1000, 2500)), Box("mdat", new byte[16])));
            Assert.Equal(AudioContainer.Mp4, info.Container);
            Assert.Equal("audio/mp4", info.MediaType);
            Assert.Equal(TimeSpan.FromMilliseconds(2500), info.Duration);
            Assert.Equal("mvhd", info.RecordedAt!.Tag);
            Assert.True(info.RecordedAt.HasZone);
            Assert.Equal(Epoch1904.AddSeconds(3_000_000_000), info.RecordedAt.Value);
        }

        [Fact]
        public void AVersion1MovieHeaderHas64BitTimes()
        {
            AudioInfo info = Probe(Join(Ftyp(), Moov(MvhdV1(3_000_000_000, 1000, 5_000_000_000))));
            Assert.Equal(TimeSpan.FromSeconds(5_000_000), info.Duration);
            Assert.Equal(Epoch1904.AddSeconds(3_000_000_000), info.RecordedAt!.Value);
        }

        [Fact]
        public void AMovieHeaderOfTwentyBytesIsEnough() =>
            Assert.Equal(TimeSpan.FromMilliseconds(2500), Probe(Join(Ftyp(), Moov(MvhdV0(0, 1000, 2500, length: 20)))).Duration);

        [Fact]
        public void AMovieHeaderShorterThanTwentyBytesIsDamaged()
        {
            AudioInfo info = Probe(Join(Ftyp(), Moov(MvhdV0(0, 1000, 2500, length: 19))));
            Assert.Equal("a damaged MP4 file: its movie header is cut short", info.NotAudio);
            Assert.Equal(AudioContainer.Mp4, info.Container);
        }

        [Fact]
        public void AVersion1MovieHeaderWithoutItsDurationIsDamaged() =>
            // 28 of the 32 bytes up to the duration's end; a box follows, whose bytes are not the mvhd's.
            Assert.Equal("a damaged MP4 file: its movie header is cut short",
                Probe(Join(Ftyp(), Box("moov", Box("mvhd", MvhdV1(0, 1000, 5000, length: 28)), Box("free", new byte[16])))).NotAudio);

        [Fact]
        public void AnAllOnesDurationIsUnknown()
        {
            AudioInfo info = Probe(Join(Ftyp(), Moov(MvhdV0(0, 1000, uint.MaxValue))));
            Assert.True(info.IsRecognised);
            Assert.Null(info.Duration);
        }

        [Fact]
        public void AZeroCreationTimeIsNoDate() =>
            Assert.Null(Probe(Join(Ftyp(), Moov(MvhdV0(0, 1000, 2500)))).RecordedAt);

        [Fact]
        public void ACreationTimeBeyondYear9999IsNoDate() =>
            Assert.Null(Probe(Join(Ftyp(), Moov(MvhdV1(253_000_000_000, 1000, 2500)))).RecordedAt);

        [Fact]
        public void ACreationTimeJustBelowTheLimitIsADate() =>
            Assert.Equal(Epoch1904.AddSeconds(252_999_999_999), Probe(Join(Ftyp(), Moov(MvhdV1(252_999_999_999, 1000, 2500)))).RecordedAt!.Value);

        [Fact]
        public void NeitherIndexNorMediaIsAnMp4WithNoMedia()
        {
            AudioInfo info = Probe(Join(Ftyp(), Box("free", new byte[16])));
            Assert.Equal("an MP4 file with no media", info.NotAudio);
            Assert.Equal(AudioContainer.Mp4, info.Container);
        }

        [Fact]
        public void AMediaBoxRunningToTheEndWithoutAnIndexIsStillBeingWritten() =>
            Assert.Equal("an MP4 file with no index (moov box): cut short or still being written",
                Probe(Join(Ftyp(), Box("free", new byte[8]), BoxSized("mdat", 0, new byte[64]))).NotAudio);

        [Fact]
        public void ABoxTwoBytesLongerThanTheFileIsCutShort() =>
            Assert.Equal("an MP4 file cut short: a box at byte 32 is longer than the file",
                Probe(Join(Ftyp(), Box("free", new byte[8]), BoxSized("mdat", 74, new byte[64]))).NotAudio);

        [Fact]
        public void ABoxHeaderCutShortAtTheEndIsCutShort() =>
            Assert.Equal("an MP4 file cut short: a box at byte 24 is longer than the file", Probe(Join(Ftyp(), Box("free"), new byte[] { 0, 0, 0, 8 })).NotAudio);

        [Fact]
        public void ABoxAnnouncingA64BitSizeCutShortAtTheEndIsCutShort()
        {
            byte[] file = Join(Ftyp(), Box("free", new byte[8]), new byte[] { 0, 0, 0, 1 }, System.Text.Encoding.ASCII.GetBytes("mdat"), new byte[4]);
            Assert.Equal("an MP4 file cut short: a box at byte 32 is longer than the file", Probe(file).NotAudio);
        }

        [Fact]
        public void A64BitBoxSizeIsFollowed() =>
            Assert.Equal(TimeSpan.FromMilliseconds(2500), Probe(Join(Ftyp(), LargeBox("free", new byte[40]), Moov(MvhdV0(0, 1000, 2500)))).Duration);

        [Fact]
        public void OnlyTheFirst1024TopLevelBoxesAreRead()
        {
            byte[][] boxes = new byte[1025][];
            boxes[0] = Ftyp();
            for (int i = 1; i < 1024; i++) boxes[i] = Box("free");
            boxes[1024] = Moov(MvhdV0(0, 1000, 2500));
            Assert.Equal("an MP4 file with no media", ProbeWhole(Join(boxes)).NotAudio);
        }

        [Fact]
        public void The1024thTopLevelBoxIsStillRead()
        {
            byte[][] boxes = new byte[1024][];
            boxes[0] = Ftyp();
            for (int i = 1; i < 1023; i++) boxes[i] = Box("free");
            boxes[1023] = Moov(MvhdV0(0, 1000, 2500));
            Assert.Equal(TimeSpan.FromMilliseconds(2500), ProbeWhole(Join(boxes)).Duration);
        }

        [Fact]
        public void OnlyTheFirst64BoxesInTheMovieAreSearched()
        {
            byte[][] children = new byte[65][];
            for (int i = 0; i < 64; i++) children[i] = Box("free");
            children[64] = Box("mvhd", MvhdV0(0, 1000, 2500));
            Assert.Equal("an MP4 file with no media", Probe(Join(Ftyp(), Box("moov", children))).NotAudio);
        }

        [Fact]
        public void The64thBoxInTheMovieIsStillSearched()
        {
            byte[][] children = new byte[64][];
            for (int i = 0; i < 63; i++) children[i] = Box("free", new byte[4]);
            children[63] = Box("mvhd", MvhdV0(0, 1000, 2500));
            Assert.Equal(TimeSpan.FromMilliseconds(2500), Probe(Join(Ftyp(), Box("moov", children))).Duration);
        }
    }
}
