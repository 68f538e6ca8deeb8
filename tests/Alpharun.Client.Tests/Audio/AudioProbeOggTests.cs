using System;
using System.IO;
using System.Linq;
using Xunit;
using static Alpharun.Tests.OggPageBuilder;

namespace Alpharun.Tests
{
    /// <summary>Ogg: the codec from the first page, the length from the stream's last granule, the date from the comment packet.</summary>
    public class AudioProbeOggTests
    {
        private const uint Serial = 0x1234;
        private const string DamagedFirstPage = "a damaged Ogg file: its first page is cut short or broken";

        private static readonly TimeSpan ThreeSeconds = TimeSpan.FromSeconds(3);

        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Audio", "Samples", name);

        // 3 s of 8 kHz Vorbis: id header, comments, then audio pages ending at granule 24000.
        private static byte[] Vorbis(byte[] commentPacket, ulong lastGranule = 24000) => Concat(
            Page(Serial, 0, VorbisId(8000)),
            Page(Serial, 0, commentPacket),
            Page(Serial, 12000, Audio(100)),
            Page(Serial, lastGranule, Audio(100)));

        // 3 s of Opus: 48 kHz granules after a pre-skip of 312.
        private static byte[] Opus(byte[] tagsPacket, ulong lastGranule = 144312, ushort preSkip = 312) => Concat(
            Page(Serial, 0, OpusHead(preSkip)),
            Page(Serial, 0, tagsPacket),
            Page(Serial, lastGranule, Audio(100)));

        // 3 s of 44.1 kHz FLAC in Ogg.
        private static byte[] OggFlac(byte[] commentPacket) => Concat(
            Page(Serial, 0, FlacHead(44100)),
            Page(Serial, 0, commentPacket),
            Page(Serial, 132300, Audio(100)));

        private static void AssertOgg(AudioInfo info, string? codec, TimeSpan? duration)
        {
            Assert.Null(info.NotAudio);
            Assert.True(info.IsRecognised);
            Assert.Equal(AudioContainer.Ogg, info.Container);
            Assert.Equal("audio/ogg", info.MediaType);
            Assert.Equal(codec, info.Codec);
            Assert.Equal(duration, info.Duration);
        }

        private static void AssertDate(MetadataDate? date, DateTimeOffset value, string tag)
        {
            Assert.NotNull(date);
            Assert.Equal(value, date!.Value);
            Assert.Equal(tag, date.Tag);
        }

        [Fact]
        public void VorbisLengthIsTheLastGranuleOverItsRate() =>
            AssertOgg(Probe(Vorbis(VorbisComments())), "Vorbis", ThreeSeconds);

        [Fact]
        public void OpusLengthIsTheLastGranuleLessThePreSkipAt48kHz() =>
            AssertOgg(Probe(Opus(OpusTags())), "Opus", ThreeSeconds);

        [Fact]
        public void OggFlacLengthIsTheLastGranuleOverTheStreamInfoRate() =>
            AssertOgg(Probe(OggFlac(FlacBlock(4, Comments("Lavf")))), "FLAC", ThreeSeconds);

        [Theory]
        [InlineData("vorbis.ogg", "Vorbis", 30_000_000L)]
        [InlineData("opus.opus", "Opus", 30_000_000L)]
        public void TheSamplesAreExactToTheSample(string sample, string codec, long ticks) =>
            AssertOgg(AudioProbe.Probe(Sample(sample)), codec, TimeSpan.FromTicks(ticks));

        // Speex, Theora, ...: an Ogg file, sent as audio/ogg, but nothing more is known.
        [Fact]
        public void AnotherCodecIsOggOfUnknownCodecAndLength() =>
            AssertOgg(Probe(Concat(Page(Serial, 0, Concat(Ascii("Speex   1.2"), new byte[69])), Page(Serial, 24000, Audio(100)))), null, null);

        [Fact]
        public void AnOggFlacFirstPacketTooShortForStreamInfoIsAnUnknownCodec() =>
            AssertOgg(Probe(Concat(Page(Serial, 0, FlacHead(44100).Take(50).ToArray()), Page(Serial, 132300, Audio(100)))), null, null);

        [Fact]
        public void AnOggFlacFileCutInsideStreamInfoHasNoLength()
        {
            byte[] page = Page(Serial, 0, FlacHead(44100));
            AssertOgg(Probe(page.Take(page.Length - 30).ToArray()), "FLAC", null); // STREAMINFO starts 17 bytes into the packet; its sample rate would be at 27..29
        }

        [Fact]
        public void AnOpusStreamWithNoSamplesBeyondItsPreSkipHasNoLength() =>
            AssertOgg(Probe(Opus(OpusTags(), lastGranule: 312)), "Opus", null);

        [Fact]
        public void AnOpusStreamEndingBeforeItsPreSkipHasNoLength() =>
            AssertOgg(Probe(Opus(OpusTags(), lastGranule: 100)), "Opus", null);

        // A page on which no packet ends has granule -1: the length is on the page before.
        [Fact]
        public void ALastPageWithoutAGranuleDefersToThePageBefore() =>
            AssertOgg(Probe(Concat(Vorbis(VorbisComments()), Page(Serial, NoGranule, true, Audio(300)))), "Vorbis", ThreeSeconds);

        [Fact]
        public void WhenNoPageGivesAGranuleTheLengthIsUnknown() =>
            AssertOgg(Probe(Concat(Page(Serial, NoGranule, VorbisId(8000)), Page(Serial, NoGranule, true, Audio(300)))), "Vorbis", null);

        // Another logical stream multiplexed or chained after this one does not give this one's length.
        [Fact]
        public void PagesOfAnotherStreamDoNotGiveTheLength() =>
            AssertOgg(Probe(Concat(Vorbis(VorbisComments()), Page(Serial + 1, 999_999, Audio(100)))), "Vorbis", ThreeSeconds);

        [Fact]
        public void AStreamOfOnePageTakesItsLengthFromThatPage() =>
            AssertOgg(Probe(Page(Serial, 144312, OpusHead(312), Audio(50))), "Opus", ThreeSeconds);

        public static TheoryData<string, byte[]> DamagedFirstPages() => new TheoryData<string, byte[]>
        {
            { "a segment table cut by the end of the file", Concat(Page(Serial, 0, VorbisId(8000)).Take(26).ToArray(), new byte[] { 5, 30, 30 }) },
            { "a header cut short", Ascii("OggS\0\0\0\0") },
            { "version 1", Page(Serial, 0, VorbisId(8000)).Select((b, i) => i == 4 ? (byte)1 : b).ToArray() },
        };

        [Theory]
        [MemberData(nameof(DamagedFirstPages))]
        public void ADamagedFirstPageIsNotAudio(string what, byte[] bytes)
        {
            AudioInfo info = Probe(bytes);
            Assert.True(DamagedFirstPage == info.NotAudio, $"{what}: {info}");
            Assert.Equal(AudioContainer.Ogg, info.Container);
        }

        [Fact]
        public void AVorbisDateIsRead() =>
            AssertDate(Probe(Vorbis(VorbisComments("TITLE=call", "DATE=2024-03-05T09:15:00Z"))).RecordedAt, new DateTimeOffset(2024, 3, 5, 9, 15, 0, TimeSpan.Zero), "DATE");

        [Fact]
        public void AnOpusDateIsRead() =>
            AssertDate(Probe(Opus(OpusTags("DATE=2024-03-05T09:15:00Z"))).RecordedAt, new DateTimeOffset(2024, 3, 5, 9, 15, 0, TimeSpan.Zero), "DATE");

        [Fact]
        public void AnOggFlacDateIsRead() =>
            AssertDate(Probe(OggFlac(FlacBlock(4, Comments("Lavf", "DATE=2024-03-05T09:15:00Z")))).RecordedAt, new DateTimeOffset(2024, 3, 5, 9, 15, 0, TimeSpan.Zero), "DATE");

        // The comment packet can be longer than one lacing value (255 bytes): the whole of it is read.
        [Fact]
        public void ADateAfterLongCommentsIsRead() =>
            AssertDate(Probe(Vorbis(VorbisComments("DESCRIPTION=" + new string('x', 240), "COMMENT=" + new string('y', 200), "DATE=2024-03-05T09:15:00Z"))).RecordedAt,
                new DateTimeOffset(2024, 3, 5, 9, 15, 0, TimeSpan.Zero), "DATE");

        public static TheoryData<string, byte[]> NotCommentPackets() => new TheoryData<string, byte[]>
        {
            // Each holds a valid comment block where its codec's comment packet would, under the wrong type.
            { "Vorbis setup type", Vorbis(Concat(Ascii("\u0005vorbis"), Comments("Lavf", "DATE=2024-03-05"), new byte[] { 1 })) },
            { "a FLAC comment block in Vorbis", Vorbis(FlacBlock(4, Comments("Lavf", "DATE=2024-03-05"))) },
            { "OpusTags misspelt", Opus(Concat(Ascii("OpusTagz"), Comments("Lavf", "DATE=2024-03-05"))) },
            { "a Vorbis comment header in Opus", Opus(VorbisComments("DATE=2024-03-05")) },
            { "a FLAC PADDING block", OggFlac(FlacBlock(1, Comments("Lavf", "DATE=2024-03-05"))) },
            { "a comment page without its capture pattern", Vorbis(VorbisComments("DATE=2024-03-05")).Select((b, i) => i == 58 ? (byte)'X' : b).ToArray() },
        };

        [Theory]
        [MemberData(nameof(NotCommentPackets))]
        public void ADateOutsideTheCodecsCommentPacketIsNotRead(string what, byte[] bytes)
        {
            AudioInfo info = Probe(bytes);
            Assert.True(info.IsRecognised, what);
            Assert.True(info.RecordedAt is null, $"{what}: {info.RecordedAt}");
        }

        [Theory]
        [InlineData("DATE=2024-03-05", "CREATION_TIME=2024-03-05T10:00:00Z")]
        [InlineData("CREATION_TIME=2024-03-05T10:00:00Z", "DATE=2024-03-05")]
        public void CreationTimeWinsOverDateInEitherOrder(string first, string second) =>
            AssertDate(Probe(Vorbis(VorbisComments(first, second))).RecordedAt, new DateTimeOffset(2024, 3, 5, 10, 0, 0, TimeSpan.Zero), "CREATION_TIME");

        [Fact]
        public void AnUnreadableCreationTimeKeepsTheDate() =>
            AssertDate(Probe(Vorbis(VorbisComments("DATE=2024-03-05T09:15:00Z", "CREATION_TIME=yesterday"))).RecordedAt, new DateTimeOffset(2024, 3, 5, 9, 15, 0, TimeSpan.Zero), "DATE");

        [Fact]
        public void KeysAreReadWhateverTheirCase() =>
            AssertDate(Probe(Vorbis(VorbisComments("date=2024-03-05T09:15:00Z"))).RecordedAt, new DateTimeOffset(2024, 3, 5, 9, 15, 0, TimeSpan.Zero), "DATE");

        // People name recordings by date: a title is not when it was recorded.
        [Fact]
        public void OnlyDateAndCreationTimeAreRecordingDates() =>
            Assert.Null(Probe(Vorbis(VorbisComments("TITLE=2023-12-24", "ENCODER=Lavf"))).RecordedAt);

        [Fact]
        public void CommentsBeyondTheCountAreNotRead() =>
            Assert.Null(Probe(Vorbis(Concat(Ascii("\u0003vorbis"), CommentsCounted("Lavf", 1, "TITLE=call", "DATE=2024-03-05"), new byte[] { 1 }))).RecordedAt);

        // The reader stops after 256 comments, so a hostile count cannot make it loop.
        [Theory]
        [InlineData(255, true)]
        [InlineData(256, false)]
        public void OnlyTheFirst256CommentsAreRead(int before, bool read)
        {
            string[] comments = Enumerable.Range(0, before).Select(i => $"C{i}=x").Append("DATE=2024-03-05T09:15:00Z").ToArray();
            MetadataDate? date = Probe(Vorbis(VorbisComments(comments))).RecordedAt;
            Assert.Equal(read, date != null);
        }
    }
}
