using System;
using System.IO;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The journal knows a file by its bytes: touching or copying it is not a new recording, changing it is.</summary>
    public sealed class JournalIdentityTests : IDisposable
    {
        private static readonly DateTimeOffset At = new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5));
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static string Key(string path) => UploadJournal.KeyOf(new RecordingUploadRequest(path, "ana@acme.com", At, new[] { new Contact(email: "b@c.io") }));

        [Fact]
        public void ATouchedButUnchangedFileKeepsItsKey()
        {
            string path = _files.Create("call.wav", 4096, seed: 3);
            string before = Key(path);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(3));
            Assert.Equal(before, Key(path));
        }

        [Fact]
        public void ACopiedIdenticalFileHasTheSameKey()
        {
            string path = _files.Create("call.wav", 4096, seed: 3);
            string copy = Path.Combine(_files.Folder, "copy of call.wav");
            File.Copy(path, copy);
            File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddDays(2));
            Assert.Equal(Key(path), Key(copy));
        }

        [Fact]
        public void AFileChangedInPlaceAtTheSameSizeGetsANewKey()
        {
            string path = _files.Create("call.wav", 4096, seed: 3);
            string before = Key(path);
            DateTime written = File.GetLastWriteTimeUtc(path);
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
            {
                stream.Seek(2000, SeekOrigin.Begin);
                stream.WriteByte(0x55);
                stream.WriteByte(0xAA);
            }
            File.SetLastWriteTimeUtc(path, written);
            Assert.NotEqual(before, Key(path));
        }
    }
}
