using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>Runs alone, so that the allocation count below is this upload's only.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class SandboxLargeUploadCollection
    {
        public const string Name = "Sandbox large upload";
    }

    [Collection(SandboxLargeUploadCollection.Name)]
    public sealed class SandboxLargeUploadTests : IDisposable
    {
        private const long OneGiB = 1024L * 1024 * 1024;
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        [Fact]
        public async Task OneGiBUploadIsHashedWithoutBufferingIt()
        {
            // A sparse file: 1 GiB of zeros that costs no disk and is quick to write.
            string path = Path.Combine(_files.Folder, "long-call.wav");
            using (var file = new FileStream(path, FileMode.CreateNew)) file.SetLength(OneGiB);
            using SandboxServer server = SandboxTestKit.StartServer();
            using AlpharunClient client = SandboxTestKit.ClientFor(server);
            GC.Collect();
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

            RecordingUpload upload = await client.UploadRecordingAsync(SandboxTestKit.Request(path));

            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            SandboxRecording recording = Assert.Single(server.GetRecordings());
            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Equal(OneGiB, recording.Size);
            Assert.Equal(ZerosSha256(OneGiB), recording.Sha256);
            // Client and server together; buffering the audio anywhere would cost at least the file's size.
            Assert.InRange(allocated, 0, 64L * 1024 * 1024);
        }

        private static string ZerosSha256(long length)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] zeros = new byte[1024 * 1024];
            for (long done = 0; done < length; done += zeros.Length) sha.AppendData(zeros);
            return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
        }
    }
}
