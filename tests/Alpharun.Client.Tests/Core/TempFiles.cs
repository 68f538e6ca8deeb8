using System;
using System.IO;

namespace Alpharun.Tests
{
    /// <summary>A temporary folder of test recordings, deleted on dispose.</summary>
    public sealed class TempFiles : IDisposable
    {
        public TempFiles()
        {
            Folder = Path.Combine(Path.GetTempPath(), "alpharun-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
        }

        public string Folder { get; }

        /// <summary>Writes <paramref name="length"/> deterministic bytes seeded by <paramref name="seed"/>.</summary>
        public string Create(string name, int length = 1024, int seed = 1)
        {
            string path = Path.Combine(Folder, name);
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
