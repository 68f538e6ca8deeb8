using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Alpharun.Tests;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>The audio part as the sandbox keeps it: digest, size, type, and the content check on its two ends.</summary>
    public sealed class SandboxAudioFileTests
    {
        private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Audio", "Samples", name);

        private static Task<AudioFile> ReadAsync(byte[] bytes, string? fileName = "call.ogg", string? contentType = "audio/ogg") =>
            AudioFile.ReadAsync(new MultipartPart("audio", fileName, contentType, new Dictionary<string, string>(), new MemoryStream(bytes)));

        [Fact]
        public async Task OggFileIsProbedOnItsTailAsWellAsItsHead()
        {
            // The Ogg check finds the duration and the end-of-stream flag on the last page, so it needs the tail kept.
            byte[] bytes = File.ReadAllBytes(Sample("vorbis.ogg"));
            AudioInfo expected = AudioProbe.Probe(Sample("vorbis.ogg"));
            Assert.Null(expected.NotAudio);
            Assert.NotNull(expected.Duration);

            AudioFile audio = await ReadAsync(bytes);

            Assert.Null(audio.Content.NotAudio);
            Assert.Equal(expected.Container, audio.Content.Container);
            Assert.Equal(expected.Duration, audio.Content.Duration);
        }

        [Fact]
        public async Task LongOggFileIsProbedOnItsLastBytesNotItsHead()
        {
            // 3 s of 8 kHz Vorbis, over 64 KiB: only the last page (granule 24000) gives the duration, so the tail kept
            // as the part streams by must hold the file's real last bytes.
            const uint Serial = 0x1234;
            byte[] bytes = OggPageBuilder.Concat(
                OggPageBuilder.Page(Serial, 0, OggPageBuilder.VorbisId(8000)),
                OggPageBuilder.Page(Serial, 0, OggPageBuilder.VorbisComments()),
                OggPageBuilder.Page(Serial, 6000, OggPageBuilder.Audio(60_000)),
                OggPageBuilder.Page(Serial, 12000, OggPageBuilder.Audio(60_000)),
                OggPageBuilder.Page(Serial, 18000, OggPageBuilder.Audio(60_000)),
                OggPageBuilder.Page(Serial, 24000, OggPageBuilder.Audio(100)));
            Assert.True(bytes.Length > 2 * 64 * 1024);
            Assert.Equal(TimeSpan.FromSeconds(3), AudioProbe.Probe(new MemoryStream(bytes)).Duration);

            AudioFile audio = await ReadAsync(bytes);

            Assert.Null(audio.Content.NotAudio);
            Assert.Equal(AudioContainer.Ogg, audio.Content.Container);
            Assert.Equal(TimeSpan.FromSeconds(3), audio.Content.Duration);
            Assert.Equal(bytes.LongLength, audio.Size);
        }

        [Fact]
        public async Task SizeAndLowercaseHexSha256AreThoseOfTheWholePart()
        {
            byte[] bytes = FormBuilder.Audio(200_000, 3);

            AudioFile audio = await ReadAsync(bytes, "call.wav", null);

            Assert.Equal(bytes.LongLength, audio.Size);
            Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), audio.Sha256);
            Assert.Equal("call.wav", audio.FileName);
            Assert.Equal(AudioMediaTypes.Fallback, audio.ContentType);
        }
    }
}
