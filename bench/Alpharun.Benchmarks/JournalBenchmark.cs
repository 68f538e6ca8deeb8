using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The journal scenario (issue 16), each run a fresh real pwsh process (JournalClient.ps1): a first journaled run
    /// over many files and its reruns, set beside a plain Get-ChildItem of the same files, for the bytes they read
    /// (rchar of /proc/self/io, less what the same process reads for an empty folder) and their time; then the cost
    /// of opening large journals (200,000 lines of this version and of version 2, and a 300 MB corrupt line).
    /// </summary>
    internal sealed class JournalBenchmark
    {
        public const int BigJournalLines = 200_000;
        public const int CorruptLineMiB = 300;

        private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "JournalClient.ps1");
        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

        public JournalSample? Baseline { get; private set; }

        public JournalSample? First { get; private set; }

        public List<JournalSample> Reruns { get; } = new List<JournalSample>();

        public List<JournalSample> Listings { get; } = new List<JournalSample>();

        public List<(string What, JournalSample Sample)> Opens { get; } = new List<(string, JournalSample)>();

        public int Files { get; private set; }

        public long FileBytes { get; private set; }

        public long JournalBytes { get; private set; }

        public double CreationSeconds { get; private set; }

        public async Task RunAsync(BenchContext context)
        {
            BenchmarkOptions options = context.Options;
            string root = Path.Combine(context.Data.Directory, "journal");
            string calls = Path.Combine(root, "calls");
            string empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;
            string journal = Path.Combine(root, "state", "uploads.journal");
            var clock = Stopwatch.StartNew();
            (Files, FileBytes) = WriteRecordings(calls, options.JournalFiles, options.JournalKiB);
            CreationSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"Journal: {Files} WAV files, {FileBytes / 1048576.0:0} MiB in all ({CreationSeconds:0.0} s to make)");

            Baseline = await RunAsync(context, "Send", empty, Path.Combine(root, "state", "baseline.journal")).ConfigureAwait(false);
            Report("no-file baseline", Baseline);
            First = await RunAsync(context, "Send", calls, journal).ConfigureAwait(false);
            Report("first journaled run", First);
            JournalBytes = new FileInfo(journal).Length;
            for (int i = 0; i < options.JournalReps; i++)
            {
                // Alternated, so neither always runs on a cache the other warmed.
                JournalSample rerun = await RunAsync(context, "Send", calls, journal).ConfigureAwait(false);
                Reruns.Add(rerun);
                Report("journaled rerun", rerun);
                JournalSample listing = await RunAsync(context, "List", calls, null).ConfigureAwait(false);
                Listings.Add(listing);
                Report("Get-ChildItem", listing);
            }

            foreach ((string what, Action<string> write) in new (string, Action<string>)[]
            {
                ($"{BigJournalLines:N0} lines of version 3", p => WriteBigJournal(p, version2: false)),
                ($"{BigJournalLines:N0} lines of version 2 (written before issue 16)", p => WriteBigJournal(p, version2: true)),
                ($"one corrupt line of {CorruptLineMiB} MB", WriteCorruptJournal),
            })
            {
                string path = Path.Combine(root, "big", Guid.NewGuid().ToString("N") + ".journal");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                write(path);
                JournalSample open = await RunAsync(context, "Open", empty, path).ConfigureAwait(false);
                open.JournalBytes = new FileInfo(path).Length;
                Opens.Add((what, open));
                Report("open " + what, open);
                File.Delete(path);
            }
        }

        private static void Report(string what, JournalSample sample) =>
            Console.WriteLine(sample.Error is null
                ? string.Create(CultureInfo.InvariantCulture, $"  {what}: {sample.Seconds:0.000} s, {sample.ReadBytes / 1048576.0:0.00} MiB read, {sample.Outputs} outputs {string.Join(", ", sample.Statuses.Select(s => $"{s.Value} {s.Key}"))}")
                : $"  {what}: FAILED {sample.Error}");

        private static async Task<JournalSample> RunAsync(BenchContext context, string mode, string folder, string? journal)
        {
            var args = new List<string>
            {
                "-Mode", mode, "-Folder", folder, "-WarmupFile", context.Data.WarmupFiles[0],
                "-BaseUri", context.Server.BaseUri.ToString(), "-ApiKey", context.ApiKey, "-ModulePath", Launcher.ModuleManifest,
            };
            if (journal != null) args.AddRange(new[] { "-Journal", journal });
            context.Guard.WaitForQuiet();
            using Process process = Process.Start(RealPwsh.File(Script, args)) ?? throw new InvalidOperationException("pwsh did not start.");
            Task<string> errors = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Timeout);
            string output;
            try
            {
                output = await process.StandardOutput.ReadToEndAsync(deadline.Token).ConfigureAwait(false);
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return JournalSample.Failed($"timed out after {Timeout.TotalMinutes:0} min");
            }
            string? line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("JOURNAL-RESULT ", StringComparison.Ordinal));
            if (line is null) return JournalSample.Failed($"exit code {process.ExitCode}: {(await errors.ConfigureAwait(false)).Trim()} {output.Trim()}");
            return JournalSample.Parse(line.Substring("JOURNAL-RESULT ".Length));
        }

        /// <summary>
        /// PCM WAVs (16-bit mono 8 kHz, random samples) of <paramref name="kib"/> KiB on average, each of its own size
        /// within ±25% (recordings differ in length), their last write times spread over the past days.
        /// </summary>
        private static (int Count, long Bytes) WriteRecordings(string folder, int count, int kib)
        {
            Directory.CreateDirectory(folder);
            var random = new Random(16);
            long total = 0;
            int mean = kib * 1024;
            byte[] buffer = new byte[mean * 2];
            DateTime now = DateTime.UtcNow;
            for (int i = 0; i < count; i++)
            {
                int length = 44 + 2 * random.Next((mean * 3 / 4 - 44) / 2, (mean * 5 / 4 - 44) / 2);
                random.NextBytes(buffer.AsSpan(0, length));
                ContentCheckBenchmark.WriteWavHeader(buffer, length);
                string path = Path.Combine(folder, $"call-{i + 1:D5}.wav");
                using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1)) file.Write(buffer, 0, length);
                File.SetLastWriteTimeUtc(path, now.AddDays(-2).AddSeconds(i));
                total += length;
            }
            return (count, total);
        }

        /// <summary>Lines shaped as the module writes them (keys random: opening does not look at what they mean).</summary>
        private static void WriteBigJournal(string path, bool version2)
        {
            var random = new Random(200);
            string Hex(int digits)
            {
                var sb = new StringBuilder(digits);
                for (int i = 0; i < digits; i++) sb.Append("0123456789abcdef"[random.Next(16)]);
                return sb.ToString();
            }
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
            for (int i = 0; i < BigJournalLines; i++)
            {
                string file = $"/srv/recordings/2024/{i % 12 + 1:00}/agent-{i % 100:000}/call-{i:D6}.wav";
                long length = 200_000 + i;
                string id = new Guid(Convert.FromHexString(Hex(32))).ToString("D");
                writer.Write(version2
                    ? $"{{\"key\":\"{Hex(64)}\",\"path\":\"{file}\",\"length\":{length},\"recording_id\":\"{id}\",\"status\":\"Created\",\"accepted_at\":\"2024-03-06T02:00:01.1234567+00:00\"}}\n"
                    : $"{{\"v\":3,\"key\":\"{Hex(32)}\",\"quick\":\"{Hex(32)}\",\"fields\":\"{Hex(32)}\",\"head\":\"{Hex(32)}\",\"path\":\"{file}\",\"length\":{length}," +
                      $"\"last_write\":\"2024-03-05T19:30:00.1234567Z\",\"recording_id\":\"{id}\",\"status\":\"Created\",\"accepted_at\":\"2024-03-06T02:00:01.1234567+00:00\"," +
                      $"\"recorded_at\":\"2024-03-05T14:30:00-05:00\",\"recorded_at_source\":\"LastWriteTime\",\"media_type\":\"audio/wav\",\"audio_seconds\":{i % 900}.125}}\n");
            }
        }

        // What a disk error or a stray write can leave: one huge line without a line feed, then a good line.
        private static void WriteCorruptJournal(string path)
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
            byte[] junk = Encoding.ASCII.GetBytes(new string('a', 1 << 20));
            file.Write(Encoding.ASCII.GetBytes("{\"key\":\""));
            for (int i = 0; i < CorruptLineMiB * 1000 * 1000 / junk.Length; i++) file.Write(junk);
            file.Write(Encoding.ASCII.GetBytes("\n{\"key\":\"" + new string('0', 64) + "\",\"path\":\"/x.wav\",\"length\":1,\"recording_id\":\"" + Guid.NewGuid() +
                "\",\"status\":\"Created\",\"accepted_at\":\"2024-03-06T02:00:01+00:00\"}\n"));
        }
    }

    /// <summary>What one JournalClient.ps1 process measured.</summary>
    internal sealed class JournalSample
    {
        public double Seconds { get; set; }

        public long ReadBytes { get; set; }

        public int Outputs { get; set; }

        public Dictionary<string, int> Statuses { get; set; } = new Dictionary<string, int>();

        public int Errors { get; set; }

        public string? FirstError { get; set; }

        public double AllocatedMiB { get; set; }

        public double GrowthMiB { get; set; }

        /// <summary>The size of the journal opened (Open runs).</summary>
        public long JournalBytes { get; set; }

        /// <summary>Why the run gave no figures; null when it did.</summary>
        public string? Error { get; set; }

        public static JournalSample Failed(string why) => new JournalSample { Error = why };

        public static JournalSample Parse(string json)
        {
            JournalSample sample = JsonSerializer.Deserialize<JournalSample>(json) ?? Failed("no result");
            if (sample.Errors > 0) sample.Error = $"{sample.Errors} error(s), the first: {sample.FirstError}";
            return sample;
        }

        public int Count(string status) => Statuses.TryGetValue(status, out int n) ? n : 0;
    }
}
