using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// What the check reads: the first 4 KiB (64 KiB for the readers that search their head), bounded reads further
    /// on, and, for the sandbox, only the head and tail it was given; a read it cannot serve never becomes a refusal.
    /// </summary>
    public class AudioProbeSourceTests
    {
        private const int Kib = 1024;

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        private static byte[] Box(string type, params byte[][] body)
        {
            byte[] content = Concat(body);
            byte[] size = BitConverter.GetBytes(8 + content.Length);
            Array.Reverse(size);
            return Concat(size, Ascii(type), content);
        }

        // ftyp, a box pushing the rest past the head, `frees` empty boxes (one read each), then moov/mvhd: 3 s.
        private static byte[] Mp4WithBoxes(int frees)
        {
            byte[] mvhd = new byte[20];
            mvhd[15] = 0xE8; mvhd[14] = 0x03; // timescale 1000
            mvhd[19] = 0xB8; mvhd[18] = 0x0B; // duration 3000
            return Concat(Box("ftyp", Ascii("M4A \0\0\0\0")), Box("free", new byte[4 * Kib]),
                Concat(Enumerable.Repeat(Box("free"), frees).ToArray()), Box("moov", Box("mvhd", mvhd)));
        }

        // A 3 s Vorbis stream padded with audio pages to about `length` bytes.
        private static byte[] LongVorbis(int length)
        {
            byte[] file = Concat(OggPageBuilder.Page(7, 0, OggPageBuilder.VorbisId(8000)), OggPageBuilder.Page(7, 0, OggPageBuilder.VorbisComments()));
            while (file.Length < length - 300) file = Concat(file, OggPageBuilder.Page(7, 12000, OggPageBuilder.Audio(Math.Min(60000, length - 300 - file.Length))));
            return Concat(file, OggPageBuilder.Page(7, 24000, OggPageBuilder.Audio(100)));
        }

        private static byte[] PcmWav(int dataBytes, params byte[][] chunksBeforeData)
        {
            var b = new PcmWavChunks().Fmt(8000, 1, 16);
            foreach (byte[] chunk in chunksBeforeData) b.Raw(chunk);
            return b.Data(dataBytes).Build();
        }

        [Fact]
        public void AWavOfTwoMebibytesIsCheckedFromItsFirstFourKibibytes()
        {
            var stream = new CountingStream(PcmWav(2 * Kib * Kib));
            AudioInfo info = AudioProbe.Probe(stream);
            Assert.Equal(TimeSpan.FromSeconds(2 * Kib * Kib / 16000.0), info.Duration);
            Assert.InRange(stream.BytesRead, 1, 4 * Kib);
        }

        [Fact]
        public void ALongOggIsCheckedFromItsHeadAndTailOnly()
        {
            var stream = new CountingStream(LongVorbis(Kib * Kib));
            AudioInfo info = AudioProbe.Probe(stream);
            Assert.Equal(TimeSpan.FromSeconds(3), info.Duration);
            Assert.InRange(stream.BytesRead, 1, 4 * Kib + 64 * Kib + 64 * Kib);
        }

        // The tail overlaps the head: the overlap is read from the file, not past the head's end.
        [Fact]
        public void AnOggWhoseTailOverlapsItsHeadGivesItsLength() =>
            Assert.Equal(TimeSpan.FromSeconds(3), AudioProbe.Probe(new MemoryStream(LongVorbis(100 * Kib))).Duration);

        [Fact]
        public void ASmallFileIsReadOnce()
        {
            byte[] ogg = LongVorbis(3000);
            var stream = new CountingStream(ogg);
            Assert.Equal(TimeSpan.FromSeconds(3), AudioProbe.Probe(stream).Duration);
            Assert.Equal(ogg.Length, stream.BytesRead);
        }

        // The sandbox keeps the first and last 64 KiB of an upload: enough for the Ogg reader.
        [Fact]
        public void AnOggKnownByItsHeadAndTailGivesItsLength()
        {
            byte[] ogg = LongVorbis(Kib * Kib);
            byte[] head = ogg.Take(2000).ToArray();
            byte[] tail = ogg.Skip(ogg.Length - 64 * Kib).ToArray();
            AudioInfo info = AudioProbe.Probe(head, tail, ogg.Length);
            Assert.Equal((AudioContainer.Ogg, "Vorbis", (TimeSpan?)TimeSpan.FromSeconds(3)), (info.Container, info.Codec, info.Duration));
        }

        // A LIST chunk whose body fell between the head and the tail: the data chunk after it is still read.
        [Fact]
        public void AWavWhoseMetadataFellBetweenHeadAndTailIsStillRecognised()
        {
            byte[] wav = PcmWav(16000, PcmWavChunks.Chunk("LIST", Concat(Ascii("INFO"), new byte[200 * Kib])));
            byte[] head = wav.Take(4 * Kib).ToArray();
            byte[] tail = wav.Skip(wav.Length - 64 * Kib).ToArray();
            AudioInfo info = AudioProbe.Probe(head, tail, wav.Length);
            Assert.Equal((AudioContainer.Wav, (string?)null, (TimeSpan?)TimeSpan.FromSeconds(1)), (info.Container, info.NotAudio, info.Duration));
        }

        // Its data chunk header was never received: "no data chunk" would blame the file for the check's bound.
        [Fact]
        public void AWavWhoseDataChunkFellBetweenHeadAndTailIsUnrecognisedNotRefused()
        {
            byte[] wav = PcmWav(16000, PcmWavChunks.Chunk("JUNK", new byte[200 * Kib]));
            byte[] head = wav.Take(4 * Kib).ToArray();
            byte[] tail = wav.Skip(wav.Length - 1000).ToArray();
            Assert.Same(AudioInfo.Unrecognised, AudioProbe.Probe(head, tail, wav.Length));
        }

        [Fact]
        public void TheSameWavWholeIsRefusedForItsMissingDataChunk()
        {
            byte[] wav = new PcmWavChunks().Fmt(8000, 1, 16).Raw(PcmWavChunks.Chunk("JUNK", new byte[200 * Kib])).Build();
            Assert.Equal("a WAV with no audio: it has no data chunk", AudioProbe.Probe(new MemoryStream(wav)).NotAudio);
        }

        // 256 reads after the head: ftyp and the first box are in the head; each empty box, moov, its mvhd header and body cost one.
        [Theory]
        [InlineData(253, true)]
        [InlineData(254, false)]
        public void ReadsAfterTheHeadStopAt256(int frees, bool recognised)
        {
            AudioInfo info = AudioProbe.Probe(new MemoryStream(Mp4WithBoxes(frees)));
            if (recognised) Assert.Equal((AudioContainer.Mp4, (TimeSpan?)TimeSpan.FromSeconds(3)), (info.Container, info.Duration));
            else Assert.Same(AudioInfo.Unrecognised, info);
        }

        // 1 MiB of reads after the head: 15 comment blocks of 64 KiB fit, the 16th does not (and a missing block holds no date).
        [Theory]
        [InlineData(15, 65535, true)]
        [InlineData(16, 65491, true)] // the 16th block ends the reads at exactly 1 MiB
        [InlineData(16, 65535, false)]
        public void BytesReadAfterTheHeadStopAtOneMebibyte(int blocks, int lastBlock, bool dated)
        {
            AudioInfo info = AudioProbe.Probe(new MemoryStream(FlacWithCommentBlocks(blocks, lastBlock)));
            Assert.Equal((AudioContainer.Flac, (string?)null), (info.Container, info.NotAudio));
            Assert.Equal(dated, info.RecordedAt != null);
        }

        // A bext chunk cut after its date ends the upload: the date is read from the tail without reading past it.
        [Fact]
        public void AShortBextChunkAtTheEndOfAnUploadStillGivesItsDate()
        {
            byte[] bext = new byte[330];
            Ascii("2024-03-05").CopyTo(bext, 320);
            byte[] wav = new PcmWavChunks().Fmt(8000, 1, 16).Data(16000).Raw(PcmWavChunks.Chunk("bext", bext)).Build();
            AudioInfo info = AudioProbe.Probe(wav.Take(4 * Kib).ToArray(), wav.Skip(wav.Length - 1000).ToArray(), wav.Length);
            Assert.Equal((TimeSpan?)TimeSpan.FromSeconds(1), info.Duration);
            Assert.Equal((new DateTimeOffset(new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Local)), "bext"), (info.RecordedAt!.Value, info.RecordedAt.Tag));
        }

        // A file or pipe may return fewer bytes than asked: the head is read in as many reads as it takes.
        [Fact]
        public void AStreamThatReturnsFewBytesPerReadIsReadWhole() =>
            Assert.Equal(TimeSpan.FromSeconds(1), AudioProbe.Probe(new TricklingStream(PcmWav(16000), 100, 0)).Duration);

        // A file cut while it was being checked: the head is what could be read (no zeros after it), and the check does not wait for more.
        [Fact]
        public void AStreamShorterThanItsLengthIsReadToItsRealEnd() =>
            Assert.Equal("text", AudioProbe.Probe(new TricklingStream(Encoding.UTF8.GetBytes(new string('a', 500)), 4096, 6000)).NotAudio);

        private static byte[] FlacWithCommentBlocks(int count, int lastBlock)
        {
            byte[] streamInfo = new byte[34];
            streamInfo[10] = 0x01; streamInfo[11] = 0xF4; streamInfo[12] = 0x00; // 8000 Hz
            streamInfo[17] = 0x80; // 128 samples
            byte[] comments = OggPageBuilder.Comments("x", "DATE=2024-03-05T09:15:00Z");
            byte[] body = Concat(comments, new byte[65535 - comments.Length]);
            var file = Concat(Ascii("fLaC"), Block(0, false, streamInfo));
            for (int i = 0; i < count; i++) file = Concat(file, Block(4, i == count - 1, i == count - 1 ? body.Take(lastBlock).ToArray() : body));
            return Concat(file, new byte[100]);
        }

        private static byte[] Block(int type, bool last, byte[] body) =>
            Concat(new byte[] { (byte)((last ? 0x80 : 0) | type), (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length }, body);
    }
}
