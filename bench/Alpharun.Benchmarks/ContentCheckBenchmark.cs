using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The cost of the content check (<see cref="AudioProbe"/>) on the small-file row's data: 200 files of 256 KiB,
    /// once as random bytes (what row 2a uploads: unrecognised, the text and signature checks run) and once as PCM
    /// WAVs (the chunk walk runs), each warm in the page cache as in row 2a. Prints the median of the repetitions
    /// beside row 2a's time from results/latest.md, against the bound of 2%.
    /// </summary>
    internal static class ContentCheckBenchmark
    {
        public const string Name = "content-check";
        private const int Files = 200;
        private const int FileBytes = 256 * 1024;
        private const int Reps = 15;

        public static int Run()
        {
            string folder = Path.Combine(Path.GetTempPath(), "alpharun-content-check-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var random = new Random(42);
                List<string> noise = Make(folder, "noise", random, wav: false);
                List<string> wavs = Make(folder, "pcm", random, wav: true);
                double? row2a = Row2aSeconds();
                Console.WriteLine($"Content check, {Files} files of {FileBytes / 1024} KiB, median of {Reps} (after one warm-up pass):");
                foreach ((string label, List<string> files) in new[] { ("random bytes (as row 2a)", noise), ("PCM WAV", wavs) })
                {
                    Time(files);
                    double[] times = Enumerable.Range(0, Reps).Select(_ => Time(files)).OrderBy(t => t).ToArray();
                    double median = times[Reps / 2];
                    string share = row2a.HasValue ? $", {median / row2a.Value * 100:0.00}% of row 2a's {row2a.Value:0.000} s (bound 2%)" : string.Empty;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: {median * 1000:0.00} ms for {Files} files, {median / Files * 1e6:0.0} µs a file{share}"));
                }
                return 0;
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static double Time(List<string> files)
        {
            var clock = Stopwatch.StartNew();
            int recognised = 0;
            foreach (string file in files)
            {
                if (AudioProbe.Probe(file).IsRecognised) recognised++;
            }
            clock.Stop();
            if (recognised != 0 && recognised != files.Count) throw new InvalidOperationException($"{recognised} of {files.Count} recognised: the data is not what it should be.");
            return clock.Elapsed.TotalSeconds;
        }

        private static List<string> Make(string folder, string prefix, Random random, bool wav)
        {
            var files = new List<string>();
            for (int i = 0; i < Files; i++)
            {
                byte[] bytes = new byte[FileBytes];
                random.NextBytes(bytes);
                if (wav) WriteWavHeader(bytes);
                string path = Path.Combine(folder, $"{prefix}-{i:000}.wav");
                File.WriteAllBytes(path, bytes);
                files.Add(path);
            }
            return files;
        }

        // 44-byte canonical header: 16-bit mono 8 kHz PCM, the data chunk to the end of the file.
        private static void WriteWavHeader(byte[] b) => WriteWavHeader(b, b.Length);

        /// <summary>The canonical 44-byte header of a PCM WAV (16-bit mono 8 kHz) of <paramref name="length"/> bytes, at the start of <paramref name="b"/>.</summary>
        internal static void WriteWavHeader(byte[] b, int length)
        {
            void Ascii(int at, string s) => Encoding.ASCII.GetBytes(s).CopyTo(b, at);
            void U32(int at, int v) => BitConverter.GetBytes(v).CopyTo(b, at);
            void U16(int at, int v) => BitConverter.GetBytes((ushort)v).CopyTo(b, at);
            Ascii(0, "RIFF"); U32(4, length - 8); Ascii(8, "WAVE");
            Ascii(12, "fmt "); U32(16, 16); U16(20, 1); U16(22, 1); U32(24, 8000); U32(28, 16000); U16(32, 2); U16(34, 16);
            Ascii(36, "data"); U32(40, length - 44);
        }

        // Row 2a's median time from the last published run, if it is there.
        private static double? Row2aSeconds()
        {
            string latest = Path.Combine(Launcher.RepoRoot, "bench", "results", "latest.md");
            if (!File.Exists(latest)) return null;
            string? row = File.ReadLines(latest).FirstOrDefault(l => l.StartsWith("| 2a ", StringComparison.Ordinal));
            string[]? cells = row?.Split('|');
            if (cells is null || cells.Length < 5) return null;
            string time = cells[4].Trim();
            return time.EndsWith(" s", StringComparison.Ordinal) && double.TryParse(time[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s : null;
        }
    }
}
