using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Alpharun.Benchmarks
{
    /// <summary>Turns the measured series into the one table (figures, ratios, targets) and the notes under it.</summary>
    internal sealed class BenchmarkReport
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        private readonly ResultTable _table = new ResultTable(
            "#", "Scenario", "Client", "Time (median)", "Rate", "Ratio", "Memory of the uploading process", "CPU s client + server", "Process wall", "Target", "Result");
        private readonly List<string> _notes = new List<string>();
        private readonly List<string> _samples = new List<string>();
        private readonly List<string> _sections = new List<string>();

        /// <summary>The loopback table's heading (the figures without a network in between).</summary>
        public const string LoopbackHeading = "## On loopback: plain http to the sandbox on the same machine";

        private readonly Verdicts _verdicts = new Verdicts("run(s) failed");

        public int Misses => _verdicts.Misses;

        public int Invalid => _verdicts.Invalid;

        public void AddLarge(BenchmarkOptions options, LargeFileBenchmark large)
        {
            string scenario = $"1 file of {Size(options.LargeFileMiB)}, {options.LargeReps} runs";
            ClientSeries module = large.Pwsh;
            double curlSeconds = large.Curl.MedianSeconds;
            double throughputVsCurl = curlSeconds / module.MedianSeconds;
            double cpuVsHttpClient = (module.MedianClientCpu ?? double.NaN) / (large.HttpClient.MedianClientCpu ?? double.NaN);
            double? growth = module.MaxGrowthMiB;
            string result =
                $"CPU {_verdicts.Judge(cpuVsHttpClient <= Targets.LargeCpuVsHttpClient, module)} ({F(cpuVsHttpClient, 2)}x), " +
                $"throughput {_verdicts.Judge(throughputVsCurl >= Targets.LargeThroughputVsCurl, module)} ({F(throughputVsCurl, 2)}x), " +
                $"memory {_verdicts.Judge(growth.HasValue && growth.Value <= Targets.LargeGrowthMiB, module)} ({Growth(growth)})";
            string target = $"client CPU <= {F(Targets.LargeCpuVsHttpClient, 1)}x HttpClient's; throughput >= {F(Targets.LargeThroughputVsCurl, 2)}x curl's; growth <= {F(Targets.LargeGrowthMiB, 0)} MiB";
            AddLargeRow("1a", scenario, module, large, target, result);
            AddLargeRow("1b", scenario, large.HttpClient, large, "(baseline for CPU)", _verdicts.Unjudged(large.HttpClient));
            AddLargeRow("1c", scenario, large.Curl, large, "(baseline for throughput)", _verdicts.Unjudged(large.Curl));
            AddLargeRow("1d", scenario, large.HttpClientInPwsh, large, "(context: 1b's code, pwsh's process)", _verdicts.Unjudged(large.HttpClientInPwsh));
            double? inPwsh = large.HttpClientInPwsh.MedianClientCpu;
            if (inPwsh.HasValue && module.MedianClientCpu.HasValue && large.HttpClient.MedianClientCpu.HasValue)
            {
                AddNote($"1 GiB client CPU split (medians): the module in pwsh (1a) {F(module.MedianClientCpu.Value, 2)} s; 1b's bare HttpClient code in pwsh (1d) " +
                    $"{F(inPwsh.Value, 2)} s; the same code in its own small process (1b) {F(large.HttpClient.MedianClientCpu.Value, 2)} s. So the module itself costs " +
                    $"{F(module.MedianClientCpu.Value / inPwsh.Value, 2)}x the bare code in the same kind of process (1a / 1d), and the pwsh process around any upload " +
                    $"{F(inPwsh.Value / large.HttpClient.MedianClientCpu.Value, 2)}x (1d / 1b).");
            }
        }

        public void AddSmall(BenchmarkOptions options, SmallFilesBenchmark small)
        {
            string scenario = $"{options.SmallFiles} files of {options.SmallFileKiB} KiB, median of {options.SmallReps}";
            double baseSeconds = small.HttpClient.MedianSeconds;
            double sequentialRatio = small.Sequential.MedianSeconds / baseSeconds;
            AddSmallRow("2a", scenario, small.Sequential, $"{F(sequentialRatio, 2)}x HttpClient time",
                $"time <= {F(Targets.SequentialTimeRatio, 1)}x HttpClient",
                $"{_verdicts.Judge(sequentialRatio <= Targets.SequentialTimeRatio, small.Sequential)} ({F(sequentialRatio, 2)}x)");
            AddSmallRow("2b", scenario, small.HttpClient, "1.00x (baseline)", "(baseline)", _verdicts.Unjudged(small.HttpClient));
            AddSmallRow("2c", scenario, small.CurlLoop, $"{F(small.CurlLoop.MedianSeconds / baseSeconds, 2)}x HttpClient time", "(reference)", _verdicts.Unjudged(small.CurlLoop));

            char id = 'd';
            foreach ((int throttle, ClientSeries series) in small.Parallel)
            {
                double ratio = series.MedianSeconds / baseSeconds;
                string ratioText = $"{F(ratio, 2)}x HttpClient time ({F(small.Sequential.MedianSeconds / series.MedianSeconds, 2)}x faster than -ThrottleLimit 1)";
                bool judged = throttle == Targets.DefaultThrottle;
                AddSmallRow("2" + id++, scenario, series, ratioText,
                    judged ? $"time <= {F(Targets.DefaultThrottleTimeRatio, 1)}x HttpClient (sequential)" : "(context)",
                    judged ? $"{_verdicts.Judge(ratio <= Targets.DefaultThrottleTimeRatio, series)} ({F(ratio, 2)}x)" : _verdicts.Unjudged(series));
            }
            AddSmallInPwsh(scenario, small, baseSeconds);
        }

        /// <summary>Row 2f and the note that splits 2a's time into the module's share and the pwsh process's.</summary>
        private void AddSmallInPwsh(string scenario, SmallFilesBenchmark small, double baseSeconds)
        {
            ClientSeries inPwsh = small.HttpClientInPwsh;
            AddSmallRow("2f", scenario, inPwsh, $"{F(inPwsh.MedianSeconds / baseSeconds, 2)}x HttpClient time", "(context: 2b's code, pwsh's process)", _verdicts.Unjudged(inPwsh));
            if (!inPwsh.AnyValid || !small.Sequential.AnyValid) return;
            AddNote($"Small files, -ThrottleLimit 1, split (medians): the module in pwsh (2a) {F(small.Sequential.MedianSeconds, 3)} s; 2b's bare HttpClient loop in pwsh (2f) " +
                $"{F(inPwsh.MedianSeconds, 3)} s; the same loop in its own small process (2b) {F(baseSeconds, 3)} s. So the module itself takes " +
                $"{F(small.Sequential.MedianSeconds / inPwsh.MedianSeconds, 2)}x the bare loop's time in the same kind of process (2a / 2f), and the pwsh process around " +
                $"any upload loop {F(inPwsh.MedianSeconds / baseSeconds, 2)}x (2f / 2b). Client CPU: 2a {Cpu(small.Sequential)}, 2f {Cpu(inPwsh)}, 2b {Cpu(small.HttpClient)} (client + server).");
        }

        public void AddImport(BenchmarkOptions options, ImportBenchmark import)
        {
            string scenario = $"Import-Module in real pwsh, fresh process each, {options.ImportSamples} samples";
            double floor = import.EmptyModule.MedianSeconds * 1000;
            double median = import.Alpharun.MedianSeconds * 1000;
            AddImportRow("3a", scenario, import.Alpharun, $"{F(median - floor, 0)} ms over an empty module (3c)",
                $"<= {F(Targets.ImportMilliseconds, 0)} ms (median)", $"{_verdicts.Judge(median <= Targets.ImportMilliseconds, import.Alpharun)} ({F(median, 0)} ms)");
            double psrg = import.PSResourceGet.MedianSeconds * 1000;
            AddImportRow("3b", scenario, import.PSResourceGet, $"{F(psrg - floor, 0)} ms over an empty module (3c)", "(reference)", _verdicts.Unjudged(import.PSResourceGet));
            AddImportRow("3c", scenario, import.EmptyModule, "(floor)", "(context)", _verdicts.Unjudged(import.EmptyModule));
        }

        public void AddNote(string note) => _notes.Add(note);

        /// <summary>A finished Markdown section (the WAN scenario's), shown before the loopback table.</summary>
        public void AddSection(string markdown) => _sections.Add(markdown);

        public string Render(string title, IEnumerable<string> header, double runSeconds)
        {
            var sb = new StringBuilder();
            sb.Append("# ").Append(title).Append("\n\n");
            foreach (string line in header) sb.Append(line).Append('\n');
            foreach (string section in _sections) sb.Append('\n').Append(section);
            if (_table.RowCount > 0)
            {
                sb.Append('\n').Append(LoopbackHeading).Append("\n\n").Append(_table.ToMarkdown()).Append('\n');
                sb.Append("Notes\n\n");
                foreach (string note in _notes) sb.Append("- ").Append(note).Append('\n');
                sb.Append("\nEvery run (seconds of the timed part, import in ms; \"% other\": share of all cores' time during the timed part used by neither the client nor the server)\n\n");
                foreach (string sample in _samples) sb.Append("- ").Append(sample).Append('\n');
            }
            sb.Append('\n').Append($"Whole benchmark run: {F(runSeconds, 1)} s ({F(runSeconds / 60, 1)} min), build not included.\n");
            return sb.ToString();
        }

        private void AddLargeRow(string id, string scenario, ClientSeries series, LargeFileBenchmark large, string target, string result)
        {
            double seconds = series.MedianSeconds;
            double mibPerSecond = Stats.MiB(series.BytesPerRun) / seconds;
            string cpuRatio = series.MedianClientCpu.HasValue && large.HttpClient.MedianClientCpu.HasValue
                ? F(series.MedianClientCpu.Value / large.HttpClient.MedianClientCpu.Value, 2) + "x HttpClient CPU"
                : "CPU n/a";
            string ratio = $"{F(large.Curl.MedianSeconds / seconds, 2)}x curl throughput, {cpuRatio}";
            _table.AddRow(id, scenario, series.Label, $"{F(seconds, 3)} s", $"{F(mibPerSecond, 1)} MiB/s", ratio, Memory(series),
                Cpu(series), $"{F(series.MedianWallSeconds, 2)} s", target, result);
            Record(id, series, 3, 1);
        }

        private void AddSmallRow(string id, string scenario, ClientSeries series, string ratio, string target, string result)
        {
            double seconds = series.MedianSeconds;
            _table.AddRow(id, scenario, series.Label, $"{F(seconds, 3)} s", $"{F(series.FilesPerRun / seconds, 1)} files/s", ratio, Memory(series),
                Cpu(series), $"{F(series.MedianWallSeconds, 2)} s", target, result);
            Record(id, series, 3, 1);
        }

        private void AddImportRow(string id, string scenario, ClientSeries series, string ratio, string target, string result)
        {
            double min = Stats.Min(series.Samples.Where(s => s.IsValid).Select(s => s.Seconds)) * 1000;
            _table.AddRow(id, scenario, series.Label, $"{F(series.MedianSeconds * 1000, 0)} ms (min {F(min, 0)})", "-", ratio, "-",
                "-", $"{F(series.MedianWallSeconds, 2)} s", target, result);
            Record(id, series, 1, 1000);
        }

        private void Record(string id, ClientSeries series, int digits, double scale)
        {
            string values = string.Join(", ", series.Samples.Select(s => s.IsValid ? F(s.Seconds * scale, digits) + OtherShare(s) : "failed"));
            _samples.Add($"{id} {series.Label}: {values}");
            if (series.Discarded.Count > 0)
            {
                _samples.Add($"{id} discarded as disturbed and redone: " + string.Join(", ", series.Discarded.Select(s => F(s.Seconds * scale, digits) + OtherShare(s, counted: false))));
            }
            foreach (string error in series.Errors.Distinct()) _samples.Add($"{id} failure: {error}");
        }

        // The share of the machine's CPU over the timed part that neither the client nor the server used.
        private string OtherShare(RunSample sample, bool counted = true)
        {
            if (!sample.OtherSharePercent.HasValue) return string.Empty;
            bool judged = DisturbanceGuard.IsJudged(sample);
            if (counted && judged) MaxOtherShare = Math.Max(MaxOtherShare, sample.OtherSharePercent.Value);
            return $" ({F(sample.OtherSharePercent.Value, 0)}% other{(judged ? string.Empty : ", not judged")})";
        }

        /// <summary>The largest share of the machine's CPU used by others during any judged timed part that counts, in percent.</summary>
        public double MaxOtherShare { get; private set; }



        private static string Memory(ClientSeries series)
        {
            if (series.MaxGrowthMiB.HasValue) return $"{Growth(series.MaxGrowthMiB)} growth, peak RSS {F(series.MaxPeakMiB ?? double.NaN, 0)} MiB";
            if (series.MaxPeakMiB.HasValue) return $"peak RSS {F(series.MaxPeakMiB.Value, 1)} MiB (whole process)";
            return "not measured";
        }

        private static string Cpu(ClientSeries series) =>
            $"{(series.MedianClientCpu.HasValue ? F(series.MedianClientCpu.Value, 2) : "?")} + {(series.MedianServerCpu.HasValue ? F(series.MedianServerCpu.Value, 2) : "?")}";

        private static string Growth(double? mib) => mib.HasValue ? (mib.Value >= 0 ? "+" : string.Empty) + F(mib.Value, 1) + " MiB" : "not measured";

        private static string Size(int mib) => mib % 1024 == 0 ? $"{mib / 1024} GiB" : $"{mib} MiB";

        public static string F(double value, int digits) => double.IsNaN(value) ? "n/a" : value.ToString("F" + digits.ToString(Inv), Inv);
    }
}
