using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Xunit;
using static Alpharun.Tests.JournalTestKit;

namespace Alpharun.Tests
{
    /// <summary>The digest of the audio a request sent, computed by the body as it streams: only a body that went out whole leaves one.</summary>
    public sealed class SentAudioDigestTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static RecordingUploadRequest Request(string path, SentAudioDigest digest) =>
            new RecordingUploadRequest(path, "ana@acme.com", DateTimeOffset.UtcNow.AddDays(-1), Bob) { SentDigest = digest };

        [Fact]
        public async Task ABodySentWholeLeavesTheDigestOfItsAudioBytesAndTheFilesStamp()
        {
            string path = _files.Create("call.wav", 300_000, seed: 4);
            var digest = new SentAudioDigest();

            using (var content = new RecordingMultipartContent(Request(path, digest))) await content.CopyToAsync(Stream.Null);

            SentAudio sent = Assert.IsType<SentAudio>(digest.Result);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.Equal(bytes.Length, sent.Length);
            Assert.Equal(SHA256.HashData(bytes), sent.Sha256);
            Assert.Equal(Hash128.FromDigest(SHA256.HashData(bytes.AsSpan(0, SentAudioDigest.HeadSize))), sent.Head);
            Assert.Equal(new FileStamp(bytes.Length, File.GetLastWriteTimeUtc(path).Ticks), sent.Stamp);
        }

        [Fact]
        public async Task AnAttemptCutShortAfterAWholeOneLeavesNoDigest()
        {
            string path = _files.Create("call.wav", 300_000, seed: 4);
            var digest = new SentAudioDigest();
            RecordingUploadRequest request = Request(path, digest);
            using (var content = new RecordingMultipartContent(request)) await content.CopyToAsync(Stream.Null);
            Assert.NotNull(digest.Result);

            // The retry's body is cut short after 100 KB (a stream that cannot take more): what the API then holds is
            // not known to be these bytes.
            using (var content = new RecordingMultipartContent(request))
            {
                await Assert.ThrowsAsync<NotSupportedException>(() => content.CopyToAsync(new MemoryStream(new byte[100_000])));
            }

            Assert.Null(digest.Result);
        }

        [Fact]
        public void AnAbandonedAttemptThatEndsLateDoesNotReplaceTheLastOne()
        {
            string path = _files.Create("call.wav", 10, seed: 1);
            var digest = new SentAudioDigest();
            byte[] first = File.ReadAllBytes(path);
            SentAudioDigest.Attempt abandoned = digest.Start(path);
            abandoned.Append(first, first.Length);
            File.WriteAllBytes(path, new byte[] { 9, 9, 9 });
            SentAudioDigest.Attempt retry = digest.Start(path);
            retry.Append(new byte[] { 9, 9, 9 }, 3);
            retry.Complete(path);

            abandoned.Complete(path);

            Assert.Equal(3, digest.Result!.Length);
        }

        [Fact]
        public void AFileWhoseTimeChangedDuringTheSendKeepsItsDigestButNoStamp()
        {
            string path = _files.Create("call.wav", 10, seed: 1);
            var digest = new SentAudioDigest();
            SentAudioDigest.Attempt attempt = digest.Start(path);
            attempt.Append(File.ReadAllBytes(path), 10);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-3));
            attempt.Complete(path);

            Assert.Equal(10, digest.Result!.Length);
            Assert.Null(digest.Result.Stamp);
        }
    }
}
