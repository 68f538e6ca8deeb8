using System;
using System.IO;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The verbose line about the content check (AudioNote), for each kind of answer.</summary>
    public class AudioProbeNoteTests
    {
        private static readonly string Folder = Path.Combine(Path.GetTempPath(), "calls");

        private static string Note(string fileName, AudioInfo audio)
        {
            var request = new RecordingUploadRequest(Path.Combine(Folder, fileName), "ana@example.com", DateTimeOffset.Now, Array.Empty<Contact>()) { Audio = audio };
            return AudioNote.For(request);
        }

        private static string PathOf(string fileName) => Path.Combine(Folder, fileName);

        [Fact]
        public void ANullRequestIsRefused() =>
            Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => AudioNote.For(null!)).ParamName);

        [Fact]
        public void UnrecognisedContentIsSentAsItsExtensionSays() =>
            Assert.Equal($"'{PathOf("call.mp3")}': its content is not a format the module recognises (WAV, MP3, MP4/M4A, Ogg, FLAC, WebM, AIFF, AU, AMR, WMA, CAF, W64); sent as audio/mpeg, from its extension.",
                Note("call.mp3", AudioInfo.Unrecognised));

        [Fact]
        public void NotAudioContentGetsTheSameSentenceAsUnrecognised() =>
            Assert.Equal($"'{PathOf("call.bin")}': its content is not a format the module recognises (WAV, MP3, MP4/M4A, Ogg, FLAC, WebM, AIFF, AU, AMR, WMA, CAF, W64); sent as application/octet-stream, from its extension.",
                Note("call.bin", AudioInfo.NotAudioFile("a PDF document")));

        [Theory]
        [InlineData(AudioContainer.Wav, "audio/wav", "call.wav", "PCM", "WAV (PCM)")]
        [InlineData(AudioContainer.Mp3, "audio/mpeg", "call.mp3", "MP3", "MP3")]
        [InlineData(AudioContainer.Mp3, "audio/mpeg", "call.mp3", "MPEG layer 2", "MP3 (MPEG layer 2)")]
        [InlineData(AudioContainer.Mp4, "audio/mp4", "call.m4a", null, "MP4")]
        [InlineData(AudioContainer.Flac, "audio/flac", "call.flac", "FLAC", "FLAC")]
        [InlineData(AudioContainer.Ogg, "audio/ogg", "call.ogg", "Opus", "Ogg (Opus)")]
        [InlineData(AudioContainer.WebM, "audio/webm", "call.webm", null, "WebM")]
        public void RecognisedAudioIsNamedWithItsCodecAndLength(AudioContainer container, string mediaType, string file, string? codec, string named) =>
            Assert.Equal($"'{PathOf(file)}': {named} audio, 3.25 s long.",
                Note(file, AudioInfo.Recognised(container, mediaType, TimeSpan.FromSeconds(3.25), null, codec)));

        [Fact]
        public void TheLengthIsInSecondsToTheMillisecond() =>
            Assert.Equal($"'{PathOf("call.wav")}': WAV (PCM) audio, 1.235 s long.",
                Note("call.wav", AudioInfo.Recognised(AudioContainer.Wav, "audio/wav", TimeSpan.FromTicks(12_345_678), null, "PCM")));

        [Fact]
        public void AnUnknownLengthIsSaid() =>
            Assert.Equal($"'{PathOf("call.ogg")}': Ogg audio, length unknown.",
                Note("call.ogg", AudioInfo.Recognised(AudioContainer.Ogg, "audio/ogg", null, null)));

        [Fact]
        public void AnExtensionThatDisagreesWithTheContentIsNamedAndTheContentWins() =>
            Assert.Equal($"'{PathOf("call.wav")}': FLAC audio, 3 s long. Its extension '.wav' says audio/wav: sent as audio/flac, the type of its content.",
                Note("call.wav", AudioInfo.Recognised(AudioContainer.Flac, "audio/flac", TimeSpan.FromSeconds(3), null, "FLAC")));
    }
}
