using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Alpharun.Benchmarks
{
    /// <summary>The WAN scenario's section of the report: how the link was set up and measured, the table, the notes and every run.</summary>
    internal sealed class WanReport
    {
        /// <summary>The section's heading; README.md's Performance section quotes it.</summary>
        public const string Heading = "## Over a WAN link";

        private readonly ResultTable _table = new ResultTable(
            "#", "Client (real pwsh, a process per run)", "Files", "Time (median)", "Rate", "vs IRM loop", "Connections opened", "CPU s client + server + proxy", "Process wall", "Target", "Result");
        private readonly List<string> _samples = new List<string>();

        private readonly Verdicts _verdicts = new Verdicts("run(s) failed: INVALID");

        public int Misses => _verdicts.Misses;

        public int Invalid => _verdicts.Invalid;

        public string Render(BenchmarkOptions options, WanBenchmark wan)
        {
            double baseRate = Rate(wan.IrmLoop);
            double module4Ratio = Rate(wan.Module4) / baseRate;
            bool pass = module4Ratio >= Targets.WanDefaultThrottleVsIrmLoop;
            string target = $">= {F(Targets.WanDefaultThrottleVsIrmLoop, 0)}x the IRM loop's files/s";
            // The target is set for one link and file size; another link is context, not a verdict.
            bool judged = options.WanRoundTripMs == Targets.WanRoundTripMs && !options.WanMegabits.HasValue && options.SmallFileKiB == Targets.WanFileKiB;
            AddRow("W1", wan.Module1, baseRate, "(context)", _verdicts.Unjudged(wan.Module1));
            AddRow("W2", wan.Module4, baseRate,
                judged ? target : $"(not judged: the target, {target}, is for {Targets.WanFileKiB} KiB at {Targets.WanRoundTripMs} ms without a cap)",
                judged ? $"{_verdicts.Judge(pass, wan.Module4)} ({F(module4Ratio, 2)}x)" : $"{_verdicts.Unjudged(wan.Module4)} ({F(module4Ratio, 2)}x)");
            AddRow("W3", wan.Module8, baseRate, "(context)", _verdicts.Unjudged(wan.Module8));
            AddRow("W4", wan.IrmLoop, baseRate, "(baseline)", _verdicts.Unjudged(wan.IrmLoop));
            AddRow("W5", wan.IrmParallel, baseRate, "(reference)", _verdicts.Unjudged(wan.IrmParallel));

            LinkMeasurement? link = wan.Link;
            string cap = options.WanMegabits.HasValue ? $", capped at {options.WanMegabits} Mbit/s each way (shared by all connections)" : ", no bandwidth cap";
            var sb = new StringBuilder();
            sb.Append(Heading).Append(": ").Append(options.WanRoundTripMs).Append(" ms round trip, TLS\n\n");
            sb.Append($"Link: the sandbox behind the harness's delay proxy on 127.0.0.1, which holds every chunk {F(options.WanRoundTripMs / 2.0, 0)} ms in each direction{cap}, " +
                "and a new connection's first bytes one round trip more (the TCP handshake, which the local kernel completes at once). " +
                $"TLS is terminated behind the delay, so its handshake pays the round trips: {wan.Negotiated ?? "n/a"}, with a self-signed ECDSA P-256 certificate made for this run " +
                $"that only the client processes trust (started with {RunCertificate.TrustVariable} pointing at a temporary bundle holding it; deleted at the end).\n");
            if (link != null)
            {
                sb.Append($"Measured through the proxy before the clients ran: a small HTTPS request on a new connection {F(link.NewConnectionMs, 1)} ms " +
                    $"(TCP handshake + TLS handshake + request: 3 round trips; median of 5), on an open connection {F(link.OpenConnectionMs, 1)} ms (1 round trip; median of 10); " +
                    $"the same request straight to the sandbox over loopback {F(link.DirectMs, 2)} ms.\n");
            }
            sb.Append($"Clients: real pwsh {RealPwsh.Version} (the repo's local dotnet tool), a fresh process per run, {options.WanReps} runs of each in rotated order. " +
                $"Send-AlpharunRecording and ForEach-Object -Parallel upload {options.WanFiles} files of {options.SmallFileKiB} KiB a run; the Invoke-RestMethod loop " +
                $"{options.WanLoopFiles} of the same files (it is the slow one; rates are per file).\n\n");
            sb.Append(_table.ToMarkdown()).Append('\n');
            sb.Append("Notes\n\n");
            foreach (string note in Notes(options)) sb.Append("- ").Append(note).Append('\n');
            sb.Append("\nEvery run (seconds of the timed part; connections opened during it; \"% other\": share of all cores' time used by neither the client, the server nor the proxy)\n\n");
            foreach (string sample in _samples) sb.Append("- ").Append(sample).Append('\n');
            return sb.ToString();
        }

        private static IEnumerable<string> Notes(BenchmarkOptions options)
        {
            yield return "Time is a Stopwatch inside the pwsh process around the upload alone: after pwsh's start, after Import-Module Alpharun (module runs), and after " +
                $"{options.WarmupFiles} warm-up files uploaded untimed with the same client (JIT, the first connections and TLS sessions). Process wall is the whole pwsh process as the harness saw it.";
            yield return "Invoke-RestMethod without -WebSession opens a new connection, with a new TLS handshake, for every call: that is the loop's real cost per file, so it is timed. " +
                "\"Connections opened\" is what the proxy accepted during the timed part (median of the runs, with the range when they differ).";
            yield return "Send-AlpharunRecording keeps one HttpClient for the process, so a call reuses the connections an earlier call opened (here the warm-up call's, one per " +
                "file up to -ThrottleLimit); a session's very first call would also pay up to -ThrottleLimit handshakes, made in parallel, once.";
            yield return $"ForEach-Object -Parallel runs at -ThrottleLimit {WanBenchmark.DefaultThrottle}, the module's default, so W5 and W2 have the same concurrency. " +
                "Its runspaces belong to one ForEach-Object call, so the timed call starts its own (the warm-up call's are gone), as every call of a user's does.";
            yield return "Every upload is checked in the client: HTTP 201 (new) or 200 (already there) counts, anything else (an error record, another status, a file with no result) " +
                "fails the run, and a failed run is reported as such, never as a time.";
            yield return "Every run uses a recorded_at no other run used, so every upload is a new recording (201) and the sandbox does the same work " +
                "(multipart parse, SHA-256 of every byte, store) for every client.";
            yield return "All clients run with $ProgressPreference = 'SilentlyContinue' (no UI in a child process; Invoke-RestMethod writes upload progress too). " +
                "The form is the one the API documents: audio (the file), teammate_email, recorded_at, contacts (JSON).";
            yield return "Not modelled: TCP slow start and loss. Under the proxy every TCP connection is on loopback (64 KiB segments, immediate ACKs), so a new connection is as fast " +
                "as an old one. On a real WAN each new connection also ramps up from a small window, which costs the IRM loop (a new connection per file) more than the module " +
                "(a few kept-alive connections): the ratios here are conservative for the module.";
            yield return "The proxy (delay and TLS) runs in the harness process; its CPU over the timed part is the third CPU figure and is not counted as \"other\".";
        }

        private void AddRow(string id, ClientSeries series, double baseRate, string target, string result)
        {
            double rate = Rate(series);
            _table.AddRow(id, series.Label, series.FilesPerRun.ToString(CultureInfo.InvariantCulture), $"{F(series.MedianSeconds, 3)} s", $"{F(rate, 1)} files/s",
                $"{F(rate / baseRate, 2)}x", Connections(series), Cpu(series), $"{F(series.MedianWallSeconds, 2)} s", target, result);
            string values = string.Join(", ", series.Samples.Select(s => s.IsValid ? $"{F(s.Seconds, 3)} ({s.Connections?.ToString(CultureInfo.InvariantCulture) ?? "?"} conn{Other(s)})" : "failed"));
            _samples.Add($"{id} {series.Label}: {values}");
            if (series.Discarded.Count > 0) _samples.Add($"{id} discarded as disturbed and redone: " + string.Join(", ", series.Discarded.Select(s => F(s.Seconds, 3) + Other(s))));
            foreach (string error in series.Errors.Distinct()) _samples.Add($"{id} failure: {error}");
        }

        private static double Rate(ClientSeries series) => series.FilesPerRun / series.MedianSeconds;

        private static string Connections(ClientSeries series)
        {
            int[] counts = series.Samples.Where(s => s.IsValid && s.Connections.HasValue).Select(s => s.Connections!.Value).ToArray();
            if (counts.Length == 0) return "?";
            string median = F(Stats.Median(counts.Select(c => (double)c)), 0);
            return counts.Min() == counts.Max() ? median : $"{median} ({counts.Min()}-{counts.Max()})";
        }

        private static string Cpu(ClientSeries series)
        {
            double? proxy = Stats.MedianOrNull(series.Samples.Where(s => s.IsValid).Select(s => s.ProxyCpuSeconds));
            return $"{Or(series.MedianClientCpu)} + {Or(series.MedianServerCpu)} + {Or(proxy)}";
        }

        private static string Other(RunSample sample) =>
            sample.OtherSharePercent.HasValue ? $", {F(sample.OtherSharePercent.Value, 0)}% other" : string.Empty;



        private static string Or(double? value) => value.HasValue ? F(value.Value, 2) : "?";

        private static string F(double value, int digits) => BenchmarkReport.F(value, digits);
    }
}
