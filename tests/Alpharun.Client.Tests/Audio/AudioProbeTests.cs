using System;
using System.IO;
using System.Text;
using Xunit;

namespace Alpharun.Tests
{
    public class AudioProbeTests
    {
        private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Audio", "Samples", name);

        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        private static TimeSpan Samples(long count, int rate) => TimeSpan.FromTicks((long)Math.Round(count * (decimal)TimeSpan.TicksPerSecond / rate));

        [Theory]
        [InlineData("bext.wav", AudioContainer.Wav, "audio/wav")]
        [InlineData("rf64.wav", AudioContainer.Wav, "audio/wav")]
        [InlineData("tone.flac", AudioContainer.Flac, "audio/flac")]
        [InlineData("cbr.mp3", AudioContainer.Mp3, "audio/mpeg")]
        [InlineData("vbr.mp3", AudioContainer.Mp3, "audio/mpeg")]
        [InlineData("tone.m4a", AudioContainer.Mp4, "audio/mp4")]
        [InlineData("vorbis.ogg", AudioContainer.Ogg, "audio/ogg")]
        [InlineData("opus.opus", AudioContainer.Ogg, "audio/ogg")]
        [InlineData("tone.webm", AudioContainer.WebM, "audio/webm")]
        public void EachContainerIsRecognisedFromItsBytesWithItsMediaType(string file, AudioContainer container, string mediaType)
        {
            AudioInfo info = AudioProbe.Probe(Sample(file));
            Assert.Null(info.NotAudio);
            Assert.Equal(container, info.Container);
            Assert.Equal(mediaType, info.MediaType);
        }

        [Theory]
        [InlineData("bext.wav")]
        [InlineData("rf64.wav")]
        [InlineData("tone.flac")]
        public void PcmWavAndFlacLengthsAreExactToTheSample(string file) =>
            Assert.Equal(Samples(24000, 8000), AudioProbe.Probe(Sample(file)).Duration);

        [Theory]
        [InlineData("cbr.mp3", 20.0)]
        [InlineData("vbr.mp3", 3.0)]
        [InlineData("tone.m4a", 3.0)]
        [InlineData("vorbis.ogg", 3.0)]
        [InlineData("opus.opus", 3.0)]
        [InlineData("tone.webm", 3.0)]
        public void CompressedLengthsAreWithinOnePercent(string file, double seconds)
        {
            TimeSpan? duration = AudioProbe.Probe(Sample(file)).Duration;
            Assert.NotNull(duration);
            Assert.InRange(duration!.Value.TotalSeconds, seconds * 0.99, seconds * 1.01);
        }

        [Theory]
        [InlineData(8000, 1, 16, 8001)]
        [InlineData(44100, 2, 16, 44101)]
        [InlineData(48000, 1, 24, 1)]
        [InlineData(22050, 2, 8, 12345)]
        public void GeneratedPcmWavLengthIsExactToTheSample(int rate, int channels, int bits, int frames) =>
            Assert.Equal(Samples(frames, rate), Probe(WavBuilder.Pcm(rate, channels, bits, frames).Build()).Duration);

        [Fact]
        public void WavWithAStreamingPlaceholderSizeTakesTheRestOfTheFile()
        {
            byte[] wav = WavBuilder.Pcm(8000, 1, 16, 0).Build();
            byte[] audio = new byte[16000];
            byte[] file = new byte[wav.Length + audio.Length];
            wav.CopyTo(file, 0);
            BitConverter.GetBytes(0xFFFFFFFFu).CopyTo(file, wav.Length - 4);
            Assert.Equal(TimeSpan.FromSeconds(1), Probe(file).Duration);
        }

        public static TheoryData<string, byte[], string> NotAudioCorpus() => new TheoryData<string, byte[], string>
        {
            { "text", Encoding.UTF8.GetBytes("call log\r\nagent: ana\r\nduration: 3:02\r\n"), "text" },
            { "HTML error page", Encoding.UTF8.GetBytes("\uFEFF  <!DOCTYPE html><html><body>502 Bad Gateway</body></html>"), "an HTML page" },
            { "UTF-16 text", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("Zeile 1\r\nÜbersicht")), "text" },
            { "JSON", Encoding.UTF8.GetBytes("{\"error\":\"export failed\"}"), "JSON or other text" },
            { "PDF", Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj").Concat(new byte[] { 0, 1, 2, 200 }), "a PDF document" },
            { "zip", new byte[] { 0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 8, 0 }.Concat(new byte[200]), "a zip archive (or an Office document)" },
            { "PNG", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "a PNG image" },
            { "JPEG", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46 }, "a JPEG image" },
            { "GIF", Encoding.ASCII.GetBytes("GIF89a").Concat(new byte[] { 1, 0, 1, 0, 0x80 }), "a GIF image" },
            { "WAV without data", new WavBuilder().Fmt(1, 8000, 1, 16).Build(), "a WAV with no audio: it has no data chunk" },
            { "WAV with an empty data chunk", WavBuilder.Pcm(8000, 1, 16, 0).Build(), "a WAV with no audio: its data chunk is empty" },
            { "WAV header longer than the file", Encoding.ASCII.GetBytes("RIFF\x24\0\0\0WAVEfmt \x10\0\0\0\x01\0"), "a damaged WAV: its 'fmt ' chunk is longer than the file" },
            { "WAV without a format", new WavBuilder().Chunk("data", new byte[100]).Build(), "a damaged WAV: it has no format chunk" },
            { "MP4 without its index", Mp4Box("ftyp", Encoding.ASCII.GetBytes("M4A \0\0\0\0")).Concat(Mp4Box("mdat", new byte[64])), "an MP4 file with no index (moov box): cut short or still being written" },
            { "MP4 box longer than the file", Mp4Box("ftyp", Encoding.ASCII.GetBytes("M4A \0\0\0\0")).Concat(new byte[] { 0, 1, 0, 0 }).Concat(Encoding.ASCII.GetBytes("mdat")), "an MP4 file cut short: a box at byte 16 is longer than the file" },
            { "FLAC with no STREAMINFO", Encoding.ASCII.GetBytes("fLaC").Concat(new byte[] { 0x84, 0, 0, 4, 0, 0, 0, 0 }), "a damaged FLAC file: it does not start with STREAMINFO" },
            { "ID3 tag longer than the file", Encoding.ASCII.GetBytes("ID3\x04\0\0\0\0\x7F\x7F").Concat(new byte[20]), "an MP3 file with no audio: its ID3 tag is as long as the file or longer" },
            { "Ogg page cut short", Encoding.ASCII.GetBytes("OggS\0\x02").Concat(new byte[10]), "a damaged Ogg file: its first page is cut short or broken" },
        };

        [Theory]
        [MemberData(nameof(NotAudioCorpus))]
        public void ClearlyNonAudioAndBrokenFilesAreNotAudioNamingWhatTheyLookLike(string what, byte[] bytes, string looksLike)
        {
            AudioInfo info = Probe(bytes);
            Assert.False(info.IsRecognised, what);
            Assert.Equal(looksLike, info.NotAudio);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void RandomBytesAreUnrecognisedNotRefused(int seed)
        {
            byte[] bytes = new byte[4096];
            new Random(seed).NextBytes(bytes);
            Assert.Same(AudioInfo.Unrecognised, Probe(bytes));
        }

        [Fact]
        public void AdtsAacIsUnrecognisedNotRefused() =>
            Assert.Same(AudioInfo.Unrecognised, Probe(new byte[] { 0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC }.Concat(new byte[100])));

        private static byte[] Mp4Box(string type, byte[] body)
        {
            byte[] box = new byte[8 + body.Length];
            box[0] = (byte)(box.Length >> 24);
            box[1] = (byte)(box.Length >> 16);
            box[2] = (byte)(box.Length >> 8);
            box[3] = (byte)box.Length;
            Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
            body.CopyTo(box, 8);
            return box;
        }
    }

    internal static class ByteArrayConcat
    {
        public static byte[] Concat(this byte[] first, byte[] second)
        {
            byte[] all = new byte[first.Length + second.Length];
            first.CopyTo(all, 0);
            second.CopyTo(all, first.Length);
            return all;
        }
    }
}
