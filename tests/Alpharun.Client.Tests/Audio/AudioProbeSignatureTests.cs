using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// The non-audio signatures and the text check: each kind of file someone may pass by mistake gets its own
    /// exact "looks like", and bytes that only resemble one are not refused.
    /// </summary>
    public class AudioProbeSignatureTests
    {
        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        private static byte[] Bytes(params int[] values) => values.Select(v => (byte)v).ToArray();

        private static byte[] Join(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        // A little binary after each magic, as a real file has: the text check must not answer first.
        private static readonly byte[] Binary = { 0x00, 0x01, 0x02, 0x03, 0x10, 0x80, 0xFE, 0x00 };

        public static TheoryData<string, byte[], string> Signatures() => new TheoryData<string, byte[], string>
        {
            { "PDF", Join(Ascii("%PDF-1.4"), Binary), "a PDF document" },
            { "zip", Join(Bytes(0x50, 0x4B, 0x03, 0x04), Binary), "a zip archive (or an Office document)" },
            { "empty zip", Join(Bytes(0x50, 0x4B, 0x05, 0x06), new byte[18]), "an empty zip archive" },
            { "gzip", Join(Bytes(0x1F, 0x8B, 0x08), Binary), "a gzip archive" },
            { "RAR", Join(Bytes(0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x00), Binary), "a RAR archive" },
            { "7-Zip", Join(Bytes(0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C), Binary), "a 7-Zip archive" },
            { "PNG", Join(Bytes(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A), Binary), "a PNG image" },
            { "JPEG", Join(Bytes(0xFF, 0xD8, 0xFF, 0xE1), Binary), "a JPEG image" },
            { "GIF87a", Join(Ascii("GIF87a"), Binary), "a GIF image" },
            { "GIF89a", Join(Ascii("GIF89a"), Binary), "a GIF image" },
            { "TIFF little-endian", Join(Bytes(0x49, 0x49, 0x2A, 0x00), Binary), "a TIFF image" },
            { "TIFF big-endian", Join(Bytes(0x4D, 0x4D, 0x00, 0x2A), Binary), "a TIFF image" },
            { "old Office", Join(Bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), Binary), "an old Office document" },
            { "ELF", Join(Bytes(0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01), Binary), "an executable (ELF)" },
            { "WebP", Join(Ascii("RIFF"), Bytes(0x24, 0, 0, 0), Ascii("WEBPVP8 "), Binary), "a WebP image" },
            { "HEIC", Join(Bytes(0, 0, 0, 0x18), Ascii("ftypheic"), Binary), "a HEIF/AVIF image" },
            { "AVIF", Join(Bytes(0, 0, 0, 0x18), Ascii("ftypavif"), Binary), "a HEIF/AVIF image" },
            { "HEIF mif1", Join(Bytes(0, 0, 0, 0x18), Ascii("ftypmif1"), Binary), "a HEIF/AVIF image" },
        };

        [Theory]
        [MemberData(nameof(Signatures))]
        public void EachNonAudioSignatureIsNotAudioNamingWhatItLooksLike(string what, byte[] bytes, string looksLike)
        {
            AudioInfo info = Probe(bytes);
            Assert.Equal(looksLike, info.NotAudio);
            Assert.Equal(AudioContainer.Unrecognised, info.Container);
            Assert.False(info.IsRecognised, what);
            Assert.Null(info.MediaType);
            Assert.Null(info.Duration);
        }

        [Theory]
        [InlineData("%PDF-", "a PDF document")]
        [InlineData("GIF89a", "a GIF image")]
        public void AFileHoldingOnlyItsSignatureIsStillRecognisedByIt(string magic, string looksLike) =>
            Assert.Equal(looksLike, Probe(Ascii(magic)).NotAudio);

        [Theory]
        [InlineData("ok")]
        [InlineData("%PD")]
        public void ATextShorterThanEverySignatureIsText(string text) =>
            Assert.Equal("text", Probe(Ascii(text)).NotAudio);

        // RIFF is also WAV and AVI, ftyp also MP4: only the brand after them makes an image.
        [Fact]
        public void ARiffFileThatIsNeitherWaveNorWebpIsUnrecognisedNotRefused() =>
            Assert.Same(AudioInfo.Unrecognised, Probe(Join(Ascii("RIFF"), Bytes(0x24, 0, 0, 0), Ascii("AVI LIST"), Binary)));

        [Fact]
        public void AWebpBrandWithoutRiffIsUnrecognisedNotRefused() =>
            Assert.Same(AudioInfo.Unrecognised, Probe(Join(Ascii("RIFX"), Bytes(0x24, 0, 0, 0), Ascii("WEBPVP8 "), Binary)));

        [Fact]
        public void AnImageBrandWithoutFtypIsUnrecognisedNotRefused() =>
            Assert.Same(AudioInfo.Unrecognised, Probe(Join(Bytes(0, 0, 0, 0x18), Ascii("freeheic"), Binary)));

        [Fact]
        public void AnMp4WithAnAudioBrandIsNotTakenForAnImage()
        {
            AudioInfo info = Probe(Join(Bytes(0, 0, 0, 0x10), Ascii("ftypM4A "), Bytes(0, 0, 0, 0)));
            Assert.NotEqual("a HEIF/AVIF image", info.NotAudio);
            Assert.Equal(AudioContainer.Mp4, info.Container);
        }

        public static TheoryData<string, byte[], string> Texts() => new TheoryData<string, byte[], string>
        {
            { "tab-separated", Encoding.UTF8.GetBytes("agent\tduration\r\nana\t3:02\r\n"), "text" },
            { "form feed", Encoding.UTF8.GetBytes("page 1\fpage 2\n"), "text" },
            { "UTF-8 accents", Encoding.UTF8.GetBytes("Übersicht: café, naïve\n"), "text" },
            { "XML", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><error>expired</error>"), "an XML document" },
            { "XML after blank lines", Encoding.UTF8.GetBytes("\r\n\t <?XML version=\"1.0\"?><a/>"), "an XML document" },
            { "HTML without doctype", Encoding.UTF8.GetBytes("<HTML><body>gone</body></HTML>"), "an HTML page" },
            { "JSON array", Encoding.UTF8.GetBytes("[1, 2, 3]"), "JSON or other text" },
            { "UTF-16LE HTML", Join(Bytes(0xFF, 0xFE), Encoding.Unicode.GetBytes("<html><body>gone</body></html>")), "an HTML page" },
            { "UTF-16BE HTML", Join(Bytes(0xFE, 0xFF), Encoding.BigEndianUnicode.GetBytes("<html><body>gone</body></html>")), "an HTML page" },
            { "UTF-16BE text", Join(Bytes(0xFE, 0xFF), Encoding.BigEndianUnicode.GetBytes("Zeile 1\r\nZeile 2")), "text" },
            { "UTF-16 byte order mark alone", Bytes(0xFF, 0xFE), "text" },
        };

        [Theory]
        [MemberData(nameof(Texts))]
        public void TextFilesAreNotAudioSayingWhichKindOfText(string what, byte[] bytes, string looksLike)
        {
            AudioInfo info = Probe(bytes);
            Assert.Equal(looksLike, info.NotAudio);
            Assert.False(info.IsRecognised, what);
        }

        public static TheoryData<string, byte[]> NotText() => new TheoryData<string, byte[]>
        {
            // Windows-1252 is not UTF-8: not provably text, so sent as named.
            { "Latin-1 text", Ascii("caf").Concat(Bytes(0xE9, 0x20)).Concat(Ascii("au lait")) },
            { "cut inside its last character", Encoding.UTF8.GetBytes("abc").Concat(Bytes(0xC3)) },
            { "a DEL byte", Ascii("abc").Concat(Bytes(0x7F)).Concat(Ascii("def")) },
            { "a NUL byte", Ascii("abc").Concat(Bytes(0x00)).Concat(Ascii("def")) },
            { "a C1 control character", Encoding.UTF8.GetBytes("abc\u0085def") },
            // A lone 0xFF or 0xFE is not a byte order mark: the UTF-16 text after it must not be read.
            { "0xFF without 0xFE", Bytes(0xFF, 0x41, 0x41, 0x00, 0x42, 0x00) },
            { "0xFE without 0xFF", Bytes(0xFE, 0x41, 0x00, 0x41, 0x00, 0x42) },
            { "UTF-16LE with a lone surrogate", Join(Bytes(0xFF, 0xFE), Bytes(0x41, 0x00, 0x00, 0xD8, 0x42, 0x00)) },
            { "UTF-16BE with a lone surrogate", Join(Bytes(0xFE, 0xFF), Bytes(0x00, 0x41, 0xD8, 0x00, 0x00, 0x42)) },
            { "UTF-16 with a control character", Join(Bytes(0xFF, 0xFE), Encoding.Unicode.GetBytes("ab\u0001c")) },
        };

        [Theory]
        [MemberData(nameof(NotText))]
        public void BytesThatAreNotCleanTextAreUnrecognisedNotRefused(string what, byte[] bytes) =>
            Assert.True(ReferenceEquals(AudioInfo.Unrecognised, Probe(bytes)), $"{what}: {Probe(bytes)}");

        // Only the first 1024 bytes are decoded: a character cut at that boundary is not a decoding error.
        [Theory]
        [InlineData("é", 1023)] // 2 bytes, lead byte the last of the sample
        [InlineData("€", 1023)] // 3 bytes, lead byte the last of the sample
        [InlineData("€", 1022)] // 3 bytes, two in the sample
        [InlineData("\U0001F3B5", 1021)] // 4 bytes, three in the sample
        [InlineData("\U0001F3B5", 1020)] // 4 bytes, all in the sample
        public void ALongTextCutInsideACharacterAtTheSampleEndIsStillText(string character, int at)
        {
            byte[] bytes = Join(Ascii(new string('a', at)), Encoding.UTF8.GetBytes(character), Ascii(new string('b', 200)));
            Assert.Equal("text", Probe(bytes).NotAudio);
        }

        [Fact]
        public void BrokenUtf8AfterTheSampleDoesNotMatter()
        {
            byte[] bytes = Join(Ascii(new string('a', 1022)), Encoding.UTF8.GetBytes("€"), Bytes(0x80, 0x80, 0x80), Ascii("tail"));
            Assert.Equal("text", Probe(bytes).NotAudio);
        }

        // At most one character is cut at the boundary: four continuation bytes there are broken UTF-8, not a cut.
        [Fact]
        public void FourContinuationBytesAtTheSampleEndAreNotTakenForACutCharacter()
        {
            byte[] bytes = Join(Ascii(new string('a', 1020)), Bytes(0x80, 0x80, 0x80, 0x80), Ascii(new string('b', 100)));
            Assert.Same(AudioInfo.Unrecognised, Probe(bytes));
        }

        // A file of exactly the sample's size really ends there: a character cut at its end is the file's own.
        [Fact]
        public void ATextOfExactlyTheSampleSizeEndingInACutCharacterIsNotText()
        {
            byte[] bytes = Join(Ascii(new string('a', 1023)), Bytes(0xC3));
            Assert.Same(AudioInfo.Unrecognised, Probe(bytes));
        }

        [Fact]
        public void NotAudioReadsAsNotAudioWithWhatItLooksLike() =>
            Assert.Equal("not audio: a PDF document", Probe(Join(Ascii("%PDF-1.4"), Binary)).ToString());

        [Fact]
        public void RecognisedAudioReadsAsItsContainerMediaTypeAndLength() =>
            Assert.Equal("Wav audio/wav 00:00:01", AudioInfo.Recognised(AudioContainer.Wav, "audio/wav", TimeSpan.FromSeconds(1), null).ToString());

        [Fact]
        public void UnrecognisedIsNotRecognised()
        {
            Assert.False(AudioInfo.Unrecognised.IsRecognised);
            Assert.True(AudioInfo.Recognised(AudioContainer.Ogg, "audio/ogg", null, null).IsRecognised);
            Assert.False(AudioInfo.NotAudioFile("a damaged Ogg file", AudioContainer.Ogg).IsRecognised);
            Assert.Equal("Unrecognised  ", AudioInfo.Unrecognised.ToString());
        }
    }
}
