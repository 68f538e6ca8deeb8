using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Alpharun;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>The store's deduplication key and what a recording shows of the upload.</summary>
    public sealed class RecordingStoreTests
    {
        private static async Task<ReceivedUpload> UploadAsync(string teammate, DateTimeOffset recordedAt, string? fileName = "call.wav")
        {
            AudioFile audio = await AudioFile.ReadAsync(new MultipartPart("audio", fileName, "audio/wav", new Dictionary<string, string>(), new MemoryStream(FormBuilder.Audio(512, 1))));
            return new ReceivedUpload(audio, teammate, recordedAt.ToString("o"), recordedAt, null, Array.Empty<Contact>(), "[]");
        }

        [Fact]
        public async Task SameAudioTeammateInAnyCaseAndInstantIsTheSameRecording()
        {
            var store = new RecordingStore();
            var at = new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5));

            SandboxRecording first = store.Accept(await UploadAsync("ann@acme.com", at));
            SandboxRecording again = store.Accept(await UploadAsync("ANN@acme.com", at.ToUniversalTime()));

            Assert.Equal(RecordingUploadStatus.Created, first.Status);
            Assert.Equal(RecordingUploadStatus.AlreadyExisted, again.Status);
            Assert.Equal(first.RecordingId, again.RecordingId);
        }

        [Fact]
        public async Task TeammateAndInstantAreKeptApartInTheKey()
        {
            // Without separators "...C1" + "638..." and "...C" + "1638..." would make the same key.
            var store = new RecordingStore();
            var early = new DateTimeOffset(638_000_000_000_000_000, TimeSpan.Zero);
            var late = new DateTimeOffset(1_638_000_000_000_000_000, TimeSpan.Zero);

            SandboxRecording first = store.Accept(await UploadAsync("ann@acme.c1", early));
            SandboxRecording second = store.Accept(await UploadAsync("ann@acme.c", late));

            Assert.Equal(RecordingUploadStatus.Created, second.Status);
            Assert.NotEqual(first.RecordingId, second.RecordingId);
        }

        [Fact]
        public async Task UploadWithoutAFileNameIsKeptWithAnEmptyName()
        {
            ReceivedUpload upload = await UploadAsync("ann@acme.com", DateTimeOffset.UnixEpoch, fileName: null);

            Assert.Equal(string.Empty, upload.FileName);
        }

        [Fact]
        public async Task RecordingToStringGivesFileNameStatusAndId()
        {
            SandboxRecording recording = new RecordingStore().Accept(await UploadAsync("ann@acme.com", DateTimeOffset.UnixEpoch));

            Assert.Equal($"call.wav: Created {recording.RecordingId}", recording.ToString());
        }
    }
}
