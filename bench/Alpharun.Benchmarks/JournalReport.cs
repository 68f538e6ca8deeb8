using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Alpharun.Benchmarks
{
    /// <summary>The journal scenario's section of the report: bytes read against the bytes of the files, and time against Get-ChildItem.</summary>
    internal sealed class JournalReport
    {
        public const string Heading = "## A nightly job with a journal";

        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        private readonly ResultTable _table = new ResultTable(
            "#", "Run (real pwsh, a process per run)", "Outputs", "Bytes read (rchar)", "Read / bytes of the files", "Time (median)", "vs Get-ChildItem", "Target", "Result");

        private readonly ResultTable _opens = new ResultTable("#", "Opening a journal of", "File", "Time", "Allocated", "Peak RSS growth");

        public int Misses { get; private set; }

        public int Invalid { get; private set; }

        public string Render(BenchmarkOptions options, JournalBenchmark journal)
        {
            long baseline = journal.Baseline?.Error is null ? journal.Baseline?.ReadBytes ?? 0 : 0;
            double listing = Median(journal.Listings);
            double rerunTime = Median(journal.Reruns);

            JournalSample? first = journal.First;
            if (first is null || first.Error != null)
            {
                Invalid++;
                _table.AddRow("J1", "First journaled run (new journal)", "-", "-", "-", "-", "-", $"read <= {F(Targets.JournalFirstRunRead, 2)}x", "NO DATA: " + first?.Error);
            }
            else
            {
                double ratio = (first.ReadBytes - baseline) / (double)journal.FileBytes;
                _table.AddRow("J1", "First journaled run (new journal)", Outputs(first), MiB(first.ReadBytes - baseline), $"{F(ratio, 3)}x",
                    $"{F(first.Seconds, 2)} s", "(context)", $"read <= {F(Targets.JournalFirstRunRead, 2)}x", Judge(ratio <= Targets.JournalFirstRunRead, $"{F(ratio, 3)}x"));
            }

            JournalSample[] reruns = journal.Reruns.Where(r => r.Error is null).ToArray();
            if (reruns.Length == 0 || reruns.Length != journal.Reruns.Count || reruns.Any(r => r.Count("Skipped") != journal.Files))
            {
                Invalid++;
                string why = journal.Reruns.Select(r => r.Error).FirstOrDefault(e => e != null) ?? "not every file was skipped";
                _table.AddRow("J2", "Journaled rerun (same journal)", "-", "-", "-", "-", "-", $"read <= {F(Targets.JournalRerunRead * 100, 0)}%", "INVALID: " + why);
            }
            else
            {
                long worst = reruns.Max(r => r.ReadBytes) - baseline;
                double share = worst / (double)journal.FileBytes;
                _table.AddRow("J2", $"Journaled rerun (same journal), {reruns.Length} runs", Outputs(reruns[0]), MiB(worst), $"{F(share * 100, 3)}%",
                    $"{F(rerunTime, 2)} s", $"{F(rerunTime / listing, 2)}x", $"read <= {F(Targets.JournalRerunRead * 100, 0)}%", Judge(share <= Targets.JournalRerunRead, $"{F(share * 100, 3)}%"));
            }
            JournalSample? list = journal.Listings.FirstOrDefault(l => l.Error is null);
            if (list is null) Invalid++;
            _table.AddRow("J3", $"Get-ChildItem of the same files alone, {journal.Listings.Count} runs", list is null ? "-" : list.Outputs.ToString(Inv),
                list is null ? "-" : MiB(list.ReadBytes - baseline), "-", $"{F(listing, 2)} s", "1.00x", "(baseline for time)", list is null ? "NO DATA" : "-");

            int n = 4;
            foreach ((string what, JournalSample open) in journal.Opens)
            {
                if (open.Error != null) Invalid++;
                _opens.AddRow("J" + n++, what, MiB(open.JournalBytes),
                    open.Error is null ? $"{F(open.Seconds, 2)} s" : "FAILED: " + open.Error,
                    open.Error is null ? $"{F(open.AllocatedMiB, 1)} MiB" : "-",
                    open.Error is null ? $"{F(open.GrowthMiB, 1)} MiB" : "-");
            }

            var sb = new StringBuilder();
            sb.Append(Heading).Append(": ").Append(journal.Files.ToString("N0", Inv)).Append(" files, ").Append(MiB(journal.FileBytes)).Append("\n\n");
            sb.Append($"Each run is `Get-ChildItem <folder> -Filter *.wav | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -Journal <journal>` " +
                $"in a fresh real pwsh {RealPwsh.Version} process (`JournalClient.ps1`), against the sandbox on loopback. The files are PCM WAVs of random samples, " +
                $"{options.JournalKiB} KiB on average (each of its own size within ±25%), with no recording date of their own (recorded_at is their last write time). " +
                $"J1 starts with no journal; J2 runs again with the journal J1 wrote ({MiB(journal.JournalBytes)}), {options.JournalReps} times, alternating with J3.\n\n");
            sb.Append(_table.ToMarkdown()).Append('\n');
            sb.Append(_opens.ToMarkdown()).Append('\n');
            sb.Append("Notes\n\n");
            foreach (string note in Notes(journal, baseline)) sb.Append("- ").Append(note).Append('\n');
            return sb.ToString();
        }

        private static IEnumerable<string> Notes(JournalBenchmark journal, long baseline)
        {
            yield return "Bytes read is rchar of /proc/self/io over the measured call: every byte read() returned to the process, from the page cache or from a disk " +
                "(read_bytes would count only what missed the page cache, near 0 on a warm machine, and hide a re-read). Over a share (SMB, NFS) these are the bytes " +
                "that cross the network, unless the client caches them.";
            yield return $"Less a baseline: the same process and call over an empty folder read {MiB(baseline)} (the process uploads one warm-up file with a journal " +
                "of its own and lists a folder first, so assemblies are loaded before the measured call). The journal file itself is part of what a run reads " +
                $"({MiB(journal.JournalBytes)} after J1).";
            yield return "A first run reads each file once: the content check reads its first bytes, the upload streams it and hashes what it sends; only a file whose " +
                "size and fields match a journal entry has its first 4 KiB read again, and its whole content only when those match too.";
            yield return "A rerun reads no file: each file's path, size and last write time (a stat) match its journal line. Time is the Stopwatch inside the process " +
                "around the call (Get-ChildItem included), median of the runs; vs Get-ChildItem is that time over J3's.";
            yield return $"J4-J6 open a journal alone (`@() | Send-AlpharunRecording -Journal <file>`); allocated is GC.GetTotalAllocatedBytes over the call, peak RSS " +
                $"growth VmHWM after less VmRSS before (peak reset by /proc/self/clear_refs). The {JournalBenchmark.BigJournalLines:N0}-line journals are made by the harness " +
                "in the module's formats with random keys; the corrupt one is one line without a line feed, then a valid line.";
        }

        private string Judge(bool ok, string value)
        {
            if (!ok) Misses++;
            return (ok ? "PASS" : "MISS") + $" ({value})";
        }

        private static string Outputs(JournalSample sample) =>
            string.Join(", ", sample.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Value.ToString("N0", Inv)} {s.Key}"));

        private static double Median(List<JournalSample> samples)
        {
            double[] times = samples.Where(s => s.Error is null).Select(s => s.Seconds).OrderBy(t => t).ToArray();
            return times.Length == 0 ? double.NaN : times[times.Length / 2];
        }

        private static string MiB(long bytes) => $"{F(bytes / 1048576.0, 2)} MiB";

        private static string F(double value, int digits) => double.IsNaN(value) ? "n/a" : value.ToString("F" + digits.ToString(Inv), Inv);
    }
}
