using System;
using System.IO;
using System.Text;
using Xunit;
using static Alpharun.Tests.EbmlBuilder;

namespace Alpharun.Tests
{
    /// <summary>WebM/Matroska: the header's DocType, the segment, and Info's TimestampScale and Duration, from crafted EBML.</summary>
    public class AudioProbeWebmTests
    {
        private const string BrokenHeader = "a damaged WebM file: its EBML header is broken";
        private const string NoSegment = "a damaged WebM file: no segment follows its header";
        private const string NotWebm = "an EBML file that is not WebM or Matroska";

        private static readonly TimeSpan ThreeSeconds = TimeSpan.FromSeconds(3);

        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        // Tracks stands in for what follows Info in a real file; its body is opaque to the reader.
        private static byte[] SomeTracks() => Element(Tracks, new byte[] { 0xAE, 0x83, 0xD7, 0x81, 0x01 });

        private static void AssertWebm(AudioInfo info, TimeSpan? duration, string mediaType = "audio/webm")
        {
            Assert.Null(info.NotAudio);
            Assert.True(info.IsRecognised);
            Assert.Equal(AudioContainer.WebM, info.Container);
            Assert.Equal(mediaType, info.MediaType);
            Assert.Equal(duration, info.Duration);
            Assert.Null(info.RecordedAt);
        }

        private static void AssertBroken(AudioInfo info, string notAudio)
        {
            Assert.Equal(notAudio, info.NotAudio);
            Assert.Equal(AudioContainer.WebM, info.Container);
            Assert.False(info.IsRecognised);
        }

        [Fact]
        public void AWellFormedWebmGivesItsDurationExactly() =>
            AssertWebm(Probe(File("webm", InfoWith(1_000_000, 3000), SomeTracks())), ThreeSeconds);

        [Fact]
        public void AMatroskaDocTypeIsMatroskaAudio() =>
            AssertWebm(Probe(File("matroska", InfoWith(1_000_000, 3000), SomeTracks())), ThreeSeconds, "audio/x-matroska");

        [Theory]
        [InlineData("webmx")]
        [InlineData("matroska2")]
        [InlineData("")]
        public void AnotherDocTypeIsAnEbmlFileThatIsNotWebm(string docType) =>
            AssertBroken(Probe(File(docType, InfoWith(1_000_000, 3000))), NotWebm);

        [Fact]
        public void AHeaderWithoutDocTypeIsAnEbmlFileThatIsNotWebm() =>
            AssertBroken(Probe(Concat(Element(Ebml, UInt(DocTypeVersion, 4, 1)), Element(Segment, InfoWith(1_000_000, 3000)))), NotWebm);

        // "webm" spelled across the header's end: the part outside the header is not the DocType's.
        [Fact]
        public void ADocTypeRunningPastTheHeaderEndIsNotRead()
        {
            byte[] header = Sized(Ebml, Size(5), new byte[] { 0x42, 0x82, 0x84, (byte)'w', (byte)'e' });
            AssertBroken(Probe(Concat(header, Encoding.ASCII.GetBytes("bm"), Element(Segment, InfoWith(1_000_000, 3000)))), NotWebm);
        }

        [Fact]
        public void TheEbmlIdAloneIsADamagedHeader() =>
            AssertBroken(Probe(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }), BrokenHeader);

        [Fact]
        public void ThreeBytesOfTheEbmlIdAreUnrecognisedNotRefused() =>
            Assert.Same(AudioInfo.Unrecognised, Probe(new byte[] { 0x1A, 0x45, 0xDF }));

        // Only all four id bytes make EBML: 'E' second, as in any upper-case text, does not.
        [Fact]
        public void TextWhoseSecondByteMatchesTheEbmlIdIsText() =>
            Assert.Equal("text", Probe(Encoding.ASCII.GetBytes("REPORT for March\n")).NotAudio);

        public static TheoryData<string, byte[]> BrokenHeaders() => new TheoryData<string, byte[]>
        {
            { "a zero size marker", Concat(Id(Ebml), new byte[] { 0x00 }, Header("webm")) },
            { "a header longer than the file", Concat(Id(Ebml), Size(0x7E), Text(DocType, "webm"), Element(Segment)) },
            // An unknown size makes no sense for the header: even with bytes enough after it.
            { "an unknown size (1 byte)", Concat(Sized(Ebml, UnknownSize1, Text(DocType, "webm")), Element(Segment, InfoWith(1_000_000, 3000), Element(Padding, new byte[200]))) },
            { "an unknown size (8 bytes)", Concat(Sized(Ebml, UnknownSize8, Text(DocType, "webm")), Element(Segment, InfoWith(1_000_000, 3000), Element(Padding, new byte[200]))) },
        };

        [Theory]
        [MemberData(nameof(BrokenHeaders))]
        public void ABrokenEbmlHeaderIsReportedAsDamaged(string what, byte[] bytes)
        {
            AudioInfo info = Probe(bytes);
            Assert.True(BrokenHeader == info.NotAudio, $"{what}: {info}");
            Assert.Equal(AudioContainer.WebM, info.Container);
        }

        public static TheoryData<string, byte[]> MissingSegments() => new TheoryData<string, byte[]>
        {
            { "nothing after the header", Header("webm") },
            { "a cluster instead", Concat(Header("webm"), Element(Cluster, new byte[4])) },
            { "a zero size marker", Concat(Header("webm"), Id(Segment), new byte[] { 0x00 }, InfoWith(1_000_000, 3000)) },
            { "a size cut by the end of the file", Concat(Header("webm"), Id(Segment), new byte[] { 0x01, 0x00 }) },
        };

        [Theory]
        [MemberData(nameof(MissingSegments))]
        public void AHeaderWithoutASegmentIsReportedAsDamaged(string what, byte[] bytes)
        {
            AudioInfo info = Probe(bytes);
            Assert.True(NoSegment == info.NotAudio, $"{what}: {info}");
            Assert.Equal(AudioContainer.WebM, info.Container);
        }

        // A live recorder cannot go back to write the segment's size: the rest of the file is the segment.
        [Fact]
        public void ASegmentOfUnknownSizeIsReadToTheEndOfTheHead() =>
            AssertWebm(Probe(Concat(Header("webm"), Sized(Segment, UnknownSize8, Concat(SomeTracks(), InfoWith(1_000_000, 3000))))), ThreeSeconds);

        [Fact]
        public void ASegmentLongerThanTheHeadIsReadToTheEndOfTheHead() =>
            AssertWebm(Probe(Concat(Header("webm"), Sized(Segment, Size(1_000_000, 8), Concat(SomeTracks(), InfoWith(1_000_000, 3000))))), ThreeSeconds);

        [Fact]
        public void AnInfoAfterTheSegmentEndIsNotTheSegments() =>
            AssertWebm(Probe(Concat(Header("webm"), Element(Segment, SomeTracks()), InfoWith(1_000_000, 3000))), null);

        // The search stops at the audio: Info belongs before the first cluster.
        [Fact]
        public void AnInfoAfterTheFirstClusterIsNotSearchedFor() =>
            AssertWebm(Probe(File("webm", Element(Cluster, new byte[] { 0xE7, 0x81, 0x00 }), InfoWith(1_000_000, 3000))), null);

        [Fact]
        public void AClusterOfUnknownSizeEndsTheSearch() =>
            AssertWebm(Probe(Concat(Header("webm"), Sized(Segment, UnknownSize8, Concat(Sized(Cluster, UnknownSize8, new byte[] { 0xE7, 0x81, 0x00 }), InfoWith(1_000_000, 3000))))), null);

        [Fact]
        public void ALongElementBeforeInfoIsSkippedByItsWholeSize() =>
            AssertWebm(Probe(File("webm", Sized(Padding, Size(300, 2), new byte[300]), InfoWith(1_000_000, 3000))), ThreeSeconds);

        // An id of 5 bytes is not EBML: the walk stops there rather than guess where the next element starts.
        [Fact]
        public void AnElementIdLongerThanFourBytesEndsTheSearch() =>
            AssertWebm(Probe(File("webm", new byte[] { 0x08, 0x00, 0x00, 0x00, 0x00, 0x81, 0x00 }, InfoWith(1_000_000, 3000))), null);

        [Theory]
        [InlineData("1-byte")]
        [InlineData("8-byte")]
        public void AnInfoOfUnknownSizeIsNotRead(string sizeField)
        {
            byte[] unknown = sizeField == "1-byte" ? UnknownSize1 : UnknownSize8;
            byte[] info = Sized(Info, unknown, Concat(UInt(TimestampScale, 1_000_000, 3), Float64(Duration, 3000)));
            AssertWebm(Probe(Concat(File("webm", info), Element(Padding, new byte[200]))), null);
        }

        [Fact]
        public void ADurationOutsideInfoIsNotRead() =>
            AssertWebm(Probe(File("webm", Element(Info, UInt(TimestampScale, 1_000_000, 3)), Float64(Duration, 3000))), null);

        [Fact]
        public void ADurationRunningPastTheEndOfItsInfoIsNotRead()
        {
            byte[] children = Concat(UInt(TimestampScale, 1_000_000, 3), Float64(Duration, 3000));
            byte[] info = Sized(Info, Size((ulong)children.Length - 1), children);
            AssertWebm(Probe(File("webm", info, SomeTracks())), null);
        }

        [Theory]
        [InlineData(1, 100UL, 30_000_000.0)] // 100 ns ticks, the shortest scale field
        [InlineData(3, 1_000_000UL, 3000.0)] // milliseconds, the default
        [InlineData(4, 1_000_000_000UL, 3.0)] // seconds
        [InlineData(8, 1_000UL, 3_000_000.0)] // microseconds, the longest scale field
        public void TheDurationIsInTicksOfTheTimestampScale(int scaleBytes, ulong scale, double duration) =>
            AssertWebm(Probe(File("webm", Element(Info, UInt(TimestampScale, scale, scaleBytes), Float64(Duration, duration)))), ThreeSeconds);

        [Fact]
        public void WithoutATimestampScaleTheDurationIsInMilliseconds() =>
            AssertWebm(Probe(File("webm", Element(Info, Float64(Duration, 3000)))), ThreeSeconds);

        [Fact]
        public void ATimestampScaleLongerThanEightBytesIsIgnored() =>
            AssertWebm(Probe(File("webm", Element(Info, UInt(TimestampScale, 1_000, 9), Float64(Duration, 3000)))), ThreeSeconds);

        [Fact]
        public void AZeroTimestampScaleGivesNoLength() =>
            AssertWebm(Probe(File("webm", Element(Info, UInt(TimestampScale, 0, 1), Float64(Duration, 3000)))), null);

        [Fact]
        public void AFourByteFloatDurationIsRead() =>
            AssertWebm(Probe(File("webm", Element(Info, UInt(TimestampScale, 1_000_000, 3), Float32(Duration, 3000f)))), ThreeSeconds);

        // DateUTC is 8 bytes and MuxingApp "Lavf" 4: neither is the duration.
        [Fact]
        public void OtherEightAndFourByteElementsInInfoAreNotTheDuration() =>
            AssertWebm(Probe(File("webm", Element(Info, UInt(TimestampScale, 1_000_000, 3), Float64(Duration, 3000), UInt(DateUtc, 0x0102030405060708, 8), Text(MuxingApp, "Lavf")))), ThreeSeconds);

        [Theory]
        [InlineData(0.0)]
        [InlineData(-3000.0)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(1.000001e12)] // just over 1e9 s: no recording is 31 years long
        public void AnImpossibleDurationGivesNoLength(double duration) =>
            AssertWebm(Probe(File("webm", InfoWith(1_000_000, duration))), null);

        [Fact]
        public void ADurationOfExactlyTheBoundIsKept() =>
            AssertWebm(Probe(File("webm", InfoWith(1_000_000, 1e12))), TimeSpan.FromSeconds(1e9));

        [Fact]
        public void TheSampleWebmReadsAsWebmAudioOfItsInfoDuration()
        {
            AudioInfo info = AudioProbe.Probe(Path.Combine(AppContext.BaseDirectory, "Audio", "Samples", "tone.webm"));
            Assert.Equal("WebM audio/webm 00:00:03.0080000", info.ToString());
        }
    }
}
