using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The files every client uploads, made once per run in a temporary folder and deleted at the end: one large
    /// file, the small files and a few warm-up files. The content is random, so no layer (disk, TCP, hashing)
    /// gets an easy ride from zeros, and every file hashes differently at the server.
    /// </summary>
    internal sealed class BenchData : IDisposable
    {
        private const int WriteChunk = 1024 * 1024;

        private BenchData(string directory)
        {
            Directory = directory;
        }

        public string Directory { get; }

        public string LargeFile { get; private set; } = string.Empty;

        public IReadOnlyList<string> SmallFiles { get; private set; } = Array.Empty<string>();

        public IReadOnlyList<string> WarmupFiles { get; private set; } = Array.Empty<string>();

        /// <summary>List files (one path a line) handed to the client processes.</summary>
        public string LargeList => Path.Combine(Directory, "large.txt");

        public string SmallList => Path.Combine(Directory, "small.txt");

        public string WarmupList => Path.Combine(Directory, "warmup.txt");

        /// <summary>The WAN runs' files: the first of the small files (Send-AlpharunRecording, ForEach-Object -Parallel).</summary>
        public string WanList => Path.Combine(Directory, "wan.txt");

        /// <summary>The WAN Invoke-RestMethod loop's files: fewer of the same.</summary>
        public string WanLoopList => Path.Combine(Directory, "wan-loop.txt");

        public long SmallBytes => SmallFiles.Sum(f => new FileInfo(f).Length);

        public TimeSpan CreationTime { get; private set; }

        public static BenchData Create(BenchmarkOptions options)
        {
            var clock = Stopwatch.StartNew();
            string root = Path.Combine(options.WorkDir, "alpharun-bench-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            System.IO.Directory.CreateDirectory(root);
            var data = new BenchData(root);
            try
            {
                var random = new Random();
                // The 1 GiB file only when its scenario runs; the small files as many as the scenarios that run need.
                if (options.Runs("large"))
                {
                    data.LargeFile = Path.Combine(root, "large.wav");
                    WriteRandom(data.LargeFile, (long)options.LargeFileMiB * 1024 * 1024, random);
                    File.WriteAllLines(data.LargeList, new[] { data.LargeFile });
                }
                int wanFiles = options.Runs("wan") ? Math.Max(options.WanFiles, options.WanLoopFiles) : 0;
                int smallFiles = options.Only == "wan" ? 0 : options.SmallFiles;
                string[] small = WriteMany(Path.Combine(root, "small"), "call", Math.Max(smallFiles, wanFiles), options.SmallFileKiB, random);
                // Without the loopback scenarios the small list (the server's warm-up pass) is the WAN files.
                data.SmallFiles = small.Take(smallFiles > 0 ? smallFiles : wanFiles).ToArray();
                data.WarmupFiles = WriteMany(Path.Combine(root, "warmup"), "warmup", options.WarmupFiles, options.SmallFileKiB, random);
                File.WriteAllLines(data.SmallList, data.SmallFiles);
                File.WriteAllLines(data.WarmupList, data.WarmupFiles);
                File.WriteAllLines(data.WanList, small.Take(options.WanFiles));
                File.WriteAllLines(data.WanLoopList, small.Take(options.WanLoopFiles));
            }
            catch
            {
                data.Dispose();
                throw;
            }
            data.CreationTime = clock.Elapsed;
            return data;
        }

        public void Dispose()
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"Could not delete {Directory}: {e.Message}");
            }
        }

        private static string[] WriteMany(string folder, string prefix, int count, int kib, Random random)
        {
            System.IO.Directory.CreateDirectory(folder);
            var files = new string[count];
            for (int i = 0; i < count; i++)
            {
                files[i] = Path.Combine(folder, $"{prefix}-{i + 1:D4}.wav");
                WriteRandom(files[i], kib * 1024L, random);
            }
            return files;
        }

        private static void WriteRandom(string path, long length, Random random)
        {
            byte[] buffer = new byte[WriteChunk];
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, WriteChunk);
            for (long written = 0; written < length; written += WriteChunk)
            {
                int n = (int)Math.Min(WriteChunk, length - written);
                random.NextBytes(buffer.AsSpan(0, n));
                file.Write(buffer, 0, n);
            }
        }
    }
}
