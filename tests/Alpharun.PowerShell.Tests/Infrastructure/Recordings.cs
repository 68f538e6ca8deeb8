using System;
using System.IO;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>A temporary folder of fake recordings, deleted on dispose.</summary>
    public sealed class Recordings : IDisposable
    {
        public Recordings()
        {
            Folder = Path.Combine(Path.GetTempPath(), "alpharun-ps-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
        }

        public string Folder { get; }

        public string Create(string name, int length = 4096, int seed = 0)
        {
            string path = Path.Combine(Folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = new byte[length];
            new Random(seed == 0 ? name.GetHashCode() : seed).NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
