using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Alpharun.Tests.Sandbox;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The content check as the client, the validator and the sandbox use it.</summary>
    public sealed class ContentCheckTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Audio", "Samples", name);

        private string Write(string name, byte[] bytes)
        {
            string path = Path.Combine(_files.Folder, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private string CopySample(string sample, string name)
        {
            string path = Path.Combine(_files.Folder, name);
            File.Copy(Sample(sample), path);
            return path;
        }

        [Fact]
        public void APdfNamedWavFailsValidationAsNotAudioSayingWhatItLooksLike()
        {
            string path = Write("call.wav", Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"));

            ValidationFailure failure = Assert.Single(RecordingUploadValidator.Validate(SandboxTestKit.Request(path)));

            Assert.Equal(ValidationErrorKind.NotAudio, failure.Kind);
            Assert.Equal("audio", failure.Field);
            Assert.Equal($"The file '{path}' is not audio: it looks like a PDF document. Pass the recording itself (WAV, MP3, MP4/M4A, Ogg, FLAC or WebM); if it was exported cut short, export it again.", failure.Message);
        }

        [Fact]
        public async Task TheClientRefusesAnHtmlPageBeforeSendingAnything()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            string path = Write("call.mp3", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>Session expired</body></html>"));

            var e = await Assert.ThrowsAsync<AlpharunValidationException>(() => client.UploadRecordingAsync(SandboxTestKit.Request(path)));

            Assert.Equal(ValidationErrorKind.NotAudio, e.Kind);
            Assert.Contains("it looks like an HTML page", e.Message);
            Assert.Empty(server.GetRecordings());
        }

        [Fact]
        public async Task ARenamedFlacIsSentWithItsContentsMediaTypeAndLength()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            string path = CopySample("tone.flac", "call.wav");

            RecordingUpload upload = await client.UploadRecordingAsync(SandboxTestKit.Request(path));

            SandboxRecording recording = Assert.Single(server.GetRecordings());
            Assert.Equal("audio/flac", recording.AudioContentType);
            Assert.Equal("audio/flac", upload.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(3), upload.AudioDuration);
            Assert.Equal(TimeSpan.FromSeconds(3), recording.AudioDuration);
        }

        [Fact]
        public async Task AnUnrecognisedFileIsSentAsItsExtensionSaysWithNoLength()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            string path = _files.Create("call.mp3", 4096, seed: 7);

            RecordingUpload upload = await client.UploadRecordingAsync(SandboxTestKit.Request(path));

            Assert.Equal("audio/mpeg", upload.MediaType);
            Assert.Null(upload.AudioDuration);
            Assert.Equal("audio/mpeg", Assert.Single(server.GetRecordings()).AudioContentType);
        }

        [Fact]
        public async Task TheSandboxReadsTheLengthOfALargeWavFromTheBytesItReceived()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            // 10 s of 8 kHz 16-bit mono, then a LIST chunk after the data: beyond the first 64 KiB the sandbox keeps.
            string path = Write("long.wav", WavBuilder.Pcm(8000, 1, 16, 80_001).InfoCreationDate("2024-03-05").Build());

            await client.UploadRecordingAsync(SandboxTestKit.Request(path));

            Assert.Equal(TimeSpan.FromTicks(100_001_250), Assert.Single(server.GetRecordings()).AudioDuration);
        }

        [Fact]
        public async Task TheSandboxAcceptsAWavCutShortWithTheLengthOfTheAudioItHolds()
        {
            // Issue 16: a WAV whose header promises more than it holds is a recording whose writer stopped (the client
            // sends an old one with a warning), no longer "not audio": the sandbox takes what is there, as an API would.
            using SandboxServer server = SandboxTestKit.StartServer();
            byte[] cut = new WavBuilder().Fmt(1, 8000, 1, 16).Chunk("data", new byte[100], 16000).Build();
            using var form = new MultipartFormDataContent();
            var audio = new ByteArrayContent(cut);
            audio.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(audio, "audio", "cut.wav");
            form.Add(new StringContent(FormBuilder.DefaultTeammate), "teammate_email");
            form.Add(new StringContent(FormBuilder.DefaultRecordedAt), "recorded_at");
            form.Add(new StringContent(FormBuilder.DefaultContacts, Encoding.UTF8, "application/json"), "contacts");

            ApiAnswer answer = await SandboxTestKit.PostAsync(server, form);

            Assert.Equal(201, answer.Status);
            Assert.Equal(TimeSpan.FromTicks(62500), Assert.Single(server.GetRecordings()).AudioDuration);
        }
    }
}
