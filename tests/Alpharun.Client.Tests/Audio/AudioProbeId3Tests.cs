using System;
using System.IO;
using Xunit;
using static Alpharun.Tests.Mp3FrameBuilder;

namespace Alpharun.Tests
{
    /// <summary>ID3v2 tags before MPEG audio: which headers are tags, how long a tag is, and which frames give the recording date.</summary>
    public class AudioProbeId3Tests
    {
        private static readonly DateTimeOffset March5 = new DateTimeOffset(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Local));
        private static readonly DateTimeOffset January1 = new DateTimeOffset(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Local));

        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        private static byte[] Audio() => Repeat(Mpeg1Layer3(), 10); // 360 ms

        private static AudioInfo WithAudio(byte[] tag) => Probe(Join(tag, Audio()));

        [Theory]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        public void Id3v22To24TagsArePassedOver(int version)
        {
            AudioInfo info = WithAudio(new Id3TagBuilder(version).Raw(new byte[20]).Build());
            Assert.Equal(AudioContainer.Mp3, info.Container);
            Assert.Equal(TimeSpan.FromMilliseconds(360), info.Duration);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(5)]
        public void AnId3HeaderOfAnUnknownVersionIsNoTag(int version) =>
            Assert.Same(AudioInfo.Unrecognised, WithAudio(new Id3TagBuilder(version).Raw(new byte[20]).Build()));

        [Fact]
        public void FramesWhoseFourthByteLooksLikeAnId3VersionStartAtTheFirstByte()
        {
            // Byte 3 of a frame header is 0x04 when the "original" bit is set: no tag is read there.
            byte[] frame = Mpeg1Layer3();
            frame[3] = 0x04;
            Assert.Equal(TimeSpan.FromMilliseconds(360), Probe(Repeat(frame, 10)).Duration);
        }

        [Fact]
        public void ATenByteTagAloneIsAnMp3WithNoAudio()
        {
            AudioInfo info = Probe(new Id3TagBuilder().Build());
            Assert.Equal("an MP3 file with no audio: its ID3 tag is as long as the file or longer", info.NotAudio);
            Assert.Equal(AudioContainer.Mp3, info.Container);
        }

        [Fact]
        public void ATagSizeThatIsNotSyncsafeIsABrokenHeader()
        {
            byte[] tag = new Id3TagBuilder().Raw(new byte[20]).Build();
            tag[9] = 0x80;
            Assert.Equal("a damaged MP3 file: its ID3 tag header is broken", WithAudio(tag).NotAudio);
        }

        [Fact]
        public void TheTagSizeIsReadSevenBitsPerByte()
        {
            // Size bytes 00 00 01 01: 129 bytes of body, 139 with the header; the file holds 100.
            AudioInfo info = Probe(Join(new Id3TagBuilder().Build(129)[..10], new byte[90]));
            Assert.Equal("an MP3 file with no audio: its ID3 tag is as long as the file or longer", info.NotAudio);
        }

        [Fact]
        public void AnId3v24FooterAddsTenBytes()
        {
            // 10 header + 20 body + 10 footer: exactly the file.
            byte[] tag = new Id3TagBuilder(4, 0x10).Raw(new byte[30]).Build(20);
            Assert.Equal("an MP3 file with no audio: its ID3 tag is as long as the file or longer", Probe(tag).NotAudio);
        }

        [Theory]
        [InlineData(4, 0x00)] // no footer flag
        [InlineData(3, 0x10)] // the flag means nothing before v2.4
        public void WithoutAnId3v24FooterTheTagEndsAtItsSize(int version, byte flags)
        {
            // 10 more bytes than the tag: not refused as all tag (no frames in them either).
            byte[] tag = new Id3TagBuilder(version, flags).Raw(new byte[30]).Build(20);
            Assert.Same(AudioInfo.Unrecognised, Probe(tag));
        }

        [Fact]
        public void TdrcIsTheRecordingDate()
        {
            MetadataDate? date = WithAudio(new Id3TagBuilder().Text("TDRC", "2024-03-05").Build()).RecordedAt;
            Assert.Equal("TDRC", date!.Tag);
            Assert.Equal(March5, date.Value);
        }

        [Fact]
        public void Id3v23TyerAndTdatGiveTheDate()
        {
            MetadataDate? date = WithAudio(new Id3TagBuilder(3).Text("TYER", "2024").Text("TDAT", "0503").Build()).RecordedAt;
            Assert.Equal("TYER/TDAT", date!.Tag);
            Assert.Equal(March5, date.Value);
        }

        [Fact]
        public void TyerWithoutADayIsTooVague() =>
            Assert.Null(WithAudio(new Id3TagBuilder(3).Text("TYER", "2024").Build()).RecordedAt);

        [Fact]
        public void TdatWithoutAYearIsTooVague() =>
            Assert.Null(WithAudio(new Id3TagBuilder(3).Text("TDAT", "0503").Build()).RecordedAt);

        [Theory]
        [InlineData("20245")]
        [InlineData("202")]
        public void ATyerThatIsNotFourDigitsGivesNoDate(string year) =>
            Assert.Null(WithAudio(new Id3TagBuilder(3).Text("TYER", year).Text("TDAT", "0503").Build()).RecordedAt);

        [Fact]
        public void Id3v23TdrcIsReadToo() =>
            Assert.Equal(March5, WithAudio(new Id3TagBuilder(3).Text("TDRC", "2024-03-05").Build()).RecordedAt!.Value);

        [Fact]
        public void Id3v22TagsAreNotSearchedForADate() =>
            Assert.Null(WithAudio(new Id3TagBuilder(2).Text("TDRC", "2024-03-05").Build()).RecordedAt);

        [Theory]
        [InlineData(3, 0x40)] // extended header
        [InlineData(4, 0x80)] // unsynchronised
        public void TagsWithAnExtendedHeaderOrUnsynchronisationAreNotSearchedForADate(int version, byte flags) =>
            Assert.Null(WithAudio(new Id3TagBuilder(version, flags).Text("TDRC", "2024-03-05").Build()).RecordedAt);

        [Fact]
        public void ADateFrameAfterTheTagIsNotRead()
        {
            byte[] outside = new Id3TagBuilder().Text("TDRC", "2024-03-05").Build()[10..];
            Assert.Null(Probe(Join(new Id3TagBuilder().Build(), outside, Audio())).RecordedAt);
        }

        [Fact]
        public void ADateFrameRunningPastTheTagIsNotRead()
        {
            // The tag's size ends 4 bytes into the TDRC text.
            Assert.Null(WithAudio(new Id3TagBuilder().Text("TDRC", "2024-03-05").Build(15)).RecordedAt);
        }

        [Fact]
        public void ADateFrameEndingExactlyAtTheTagsEndIsRead() =>
            Assert.Equal(March5, WithAudio(new Id3TagBuilder().Text("TIT2", "call").Text("TDRC", "2024-03-05").Build()).RecordedAt!.Value);

        [Fact]
        public void AnEmptyFrameDoesNotEndTheSearch() =>
            Assert.Equal(March5, WithAudio(new Id3TagBuilder().Frame("TXXX", Array.Empty<byte>()).Text("TDRC", "2024-03-05").Build()).RecordedAt!.Value);

        [Fact]
        public void PaddingEndsTheFrames() =>
            Assert.Null(WithAudio(new Id3TagBuilder().Raw(new byte[10]).Text("TDRC", "2024-03-05").Build()).RecordedAt);

        [Fact]
        public void OnlyTheFirst512FramesAreSearched()
        {
            var tag = new Id3TagBuilder();
            for (int i = 0; i < 512; i++) tag.Frame("TXXX", Array.Empty<byte>());
            Assert.Null(WithAudio(tag.Text("TDRC", "2024-03-05").Build()).RecordedAt);
        }

        [Fact]
        public void The512thFrameIsStillSearched()
        {
            var tag = new Id3TagBuilder();
            for (int i = 0; i < 511; i++) tag.Frame("TXXX", Array.Empty<byte>());
            Assert.Equal(March5, WithAudio(tag.Text("TDRC", "2024-03-05").Build()).RecordedAt!.Value);
        }

        [Theory]
        [InlineData(128)]
        [InlineData(16384)]
        public void Id3v24FrameSizesAreSyncsafe(int size)
        {
            // A decoy TDRC at the start of the body: a misread size would land on it, or nowhere.
            byte[] body = new byte[size];
            new Id3TagBuilder().Text("TDRC", "2025-01-01").Build()[10..].CopyTo(body, 0);
            byte[] tag = new Id3TagBuilder().Frame("PRIV", body).Text("TDRC", "2024-03-05").Build();
            Assert.Equal(March5, WithAudio(tag).RecordedAt!.Value);
        }

        [Fact]
        public void Id3v23FrameSizesArePlain()
        {
            byte[] body = new byte[256];
            new Id3TagBuilder(3).Text("TDRC", "2025-01-01").Build()[10..].CopyTo(body, 0);
            byte[] tag = new Id3TagBuilder(3).Frame("PRIV", body).Text("TDRC", "2024-03-05").Build();
            Assert.Equal(March5, WithAudio(tag).RecordedAt!.Value);
        }

        [Fact]
        public void AFrameSizeThatIsNotSyncsafeEndsTheSearch()
        {
            // Size bytes 00 00 00 80: not syncsafe. Read as 0 the next frame would be the TDRC.
            byte[] tag = new Id3TagBuilder().Frame("PRIV", Array.Empty<byte>(), new byte[] { 0, 0, 0, 0x80 }).Text("TDRC", "2024-03-05").Build();
            Assert.Null(WithAudio(tag).RecordedAt);
        }

        [Fact]
        public void AFrameSizeThatIsNotSyncsafeIsNotReadAsOne()
        {
            byte[] tag = new Id3TagBuilder().Frame("PRIV", new byte[] { 1 }, new byte[] { 0, 0, 0, 0x80 }).Text("TDRC", "2024-03-05").Build();
            Assert.Null(WithAudio(tag).RecordedAt);
        }

        [Fact]
        public void AFrameLongerThanTheTagEndsTheSearch()
        {
            // Top size byte 1: 2 MiB in v2.4, far past the tag.
            byte[] tag = new Id3TagBuilder().Frame("PRIV", Array.Empty<byte>(), new byte[] { 1, 0, 0, 0 }).Text("TDRC", "2024-03-05").Build();
            Assert.Null(WithAudio(tag).RecordedAt);
        }

        [Fact]
        public void ATextFrameOf256BytesIsRead()
        {
            byte[] body = new byte[256];
            Id3TagBuilder.Latin1("2024-03-05").CopyTo(body, 0); // NUL-padded to the frame's end
            Assert.Equal(March5, WithAudio(new Id3TagBuilder().Frame("TDRC", body).Build()).RecordedAt!.Value);
        }

        [Fact]
        public void ATextFrameLongerThan256BytesIsNotRead()
        {
            byte[] body = new byte[257];
            Id3TagBuilder.Latin1("2024-03-05").CopyTo(body, 0);
            Assert.Null(WithAudio(new Id3TagBuilder().Frame("TDRC", body).Build()).RecordedAt);
        }

        [Fact]
        public void TheFirstTdrcDecides() =>
            Assert.Equal(January1, WithAudio(new Id3TagBuilder().Text("TDRC", "2025-01-01").Text("TDRC", "2024-03-05").Build()).RecordedAt!.Value);
    }
}
