using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// curl as the command-line reference: one `curl -F` process for the large file, and a bash `for` loop with one
    /// curl process per file for the small files (what a shell script does).
    /// </summary>
    internal static class CurlClient
    {
        private const string GnuTime = "/usr/bin/time";
        private const string ResultPrefix = "BENCH-CURL ";
        private const string LoopPrefix = "BENCH-LOOP ";

        // The loop times itself (EPOCHREALTIME around the loop only) and reports its children's CPU (`times`).
        // Markers and the "go" handshake are the same as the .NET clients'.
        private const string LoopScript = @"#!/usr/bin/env bash
# One curl process per file, as a shell script uploads a folder. Only the timed loop is measured.
set -u
url=$1 key=$2 list=$3 warm_list=$4 at=$5 warm_at=$6 codes=$7
mapfile -t warm < ""$warm_list""
for f in ""${warm[@]}""; do
  curl -sS -o /dev/null -w '%{http_code}\n' -H ""Authorization: Bearer $key"" -F ""audio=@$f;type=audio/wav"" \
    -F 'teammate_email=ana@acme.com' -F ""recorded_at=$warm_at"" -F 'contacts=[{""email"":""bob@client.com""}];type=application/json' ""$url""
done > ""$codes.warm""
mapfile -t files < ""$list""
times > ""$codes.before""
echo 'BENCH-MARK start'
read -r _
t0=$EPOCHREALTIME
for f in ""${files[@]}""; do
  curl -sS -o /dev/null -w '%{http_code}\n' -H ""Authorization: Bearer $key"" -F ""audio=@$f;type=audio/wav"" \
    -F 'teammate_email=ana@acme.com' -F ""recorded_at=$at"" -F 'contacts=[{""email"":""bob@client.com""}];type=application/json' ""$url""
done > ""$codes""
t1=$EPOCHREALTIME
times > ""$codes.after""
echo 'BENCH-MARK end'
echo ""BENCH-LOOP $t0 $t1""
";

        public static string CurlPath => File.Exists("/usr/bin/curl") ? "/usr/bin/curl" : "curl";

        /// <summary>How curl's memory was measured in the last single-file run; printed in the notes.</summary>
        public static string MemoryMethod { get; private set; } = string.Empty;

        /// <summary>One `curl -F` upload of <paramref name="file"/>; the time is curl's own time_total (no process start).</summary>
        public static async Task<RunSample> RunSingleAsync(BenchContext context, string file)
        {
            string recordedAt = Format(context.NextRecordedAt());
            var curlArgs = new List<string>
            {
                "-sS", "-o", "/dev/null", "-w", ResultPrefix + "%{http_code} %{time_total}\\n",
                "-H", "Authorization: Bearer " + context.ApiKey,
                "-F", $"audio=@{file};type=audio/wav",
                "-F", "teammate_email=ana@acme.com",
                "-F", "recorded_at=" + recordedAt,
                "-F", "contacts=[{\"email\":\"bob@client.com\"}];type=application/json",
                UploadUri(context),
            };

            string timeFile = Path.Combine(context.Data.Directory, "curl-time.txt");
            bool gnuTime = File.Exists(GnuTime);
            ProcessStartInfo info = gnuTime
                ? Launcher.Tool(GnuTime, new[] { "-v", "-o", timeFile, CurlPath }.Concat(curlArgs))
                : Launcher.Tool(CurlPath, curlArgs);
            long sampledPeakKiB = 0;
            Task sampling = Task.CompletedTask;
            Action<Process>? started = gnuTime ? null : p => sampling = Task.Run(() => SamplePeak(p.Id, kib => sampledPeakKiB = Math.Max(sampledPeakKiB, kib)));

            ChildResult child = await ChildRun.RunAsync(info, context.Server, context.ChildTimeout, started).ConfigureAwait(false);
            await sampling.ConfigureAwait(false);

            var sample = new RunSample { WallSeconds = child.WallSeconds, ServerCpuSeconds = child.ServerCpuSeconds, MachineCpuSeconds = child.MachineCpuSeconds, WindowSeconds = child.WindowSeconds, Files = 1 };
            string? line = child.Output.FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
            if (line is null)
            {
                sample.Error = $"curl printed no result (exit {child.ExitCode}): {child.Errors.Trim()}";
                return sample;
            }
            string[] parts = line.Substring(ResultPrefix.Length).Split(' ');
            CountStatus(sample, parts[0]);
            sample.Seconds = double.Parse(parts[1], CultureInfo.InvariantCulture);
            sample.Bytes = sample.Created + sample.Existed > 0 ? new FileInfo(file).Length : 0;

            if (gnuTime)
            {
                MemoryMethod = "`/usr/bin/time -v` \"Maximum resident set size\" of the curl process (its whole life)";
                string[] report = File.ReadAllLines(timeFile);
                sample.PeakMiB = TimeField(report, "Maximum resident set size (kbytes)") / 1024.0;
                sample.ClientCpuSeconds = TimeField(report, "User time (seconds)") + TimeField(report, "System time (seconds)");
            }
            else
            {
                MemoryMethod = "VmHWM of the curl process sampled from /proc/<pid>/status every 10 ms until it exited";
                sample.PeakMiB = sampledPeakKiB / 1024.0;
            }
            if (sample.Error is null && child.ExitCode != 0) sample.Error = $"exit {child.ExitCode}: {child.Errors.Trim()}";
            return sample;
        }

        /// <summary>The bash loop over <paramref name="filesList"/>, one curl per file, after the same warm-up files.</summary>
        public static async Task<RunSample> RunLoopAsync(BenchContext context, string filesList)
        {
            string script = Path.Combine(context.Data.Directory, "curl-loop.sh");
            if (!File.Exists(script)) File.WriteAllText(script, LoopScript.Replace("\r\n", "\n"));
            string codes = Path.Combine(context.Data.Directory, "curl-codes.txt");
            var args = new[]
            {
                script, UploadUri(context), context.ApiKey, filesList, context.Data.WarmupList,
                Format(context.NextRecordedAt()), Format(context.NextRecordedAt()), codes,
            };
            ChildResult child = await ChildRun.RunAsync(Launcher.Tool("bash", args), context.Server, context.ChildTimeout).ConfigureAwait(false);

            var sample = new RunSample { WallSeconds = child.WallSeconds, ServerCpuSeconds = child.ServerCpuSeconds, MachineCpuSeconds = child.MachineCpuSeconds, WindowSeconds = child.WindowSeconds };
            string? line = child.Output.FirstOrDefault(l => l.StartsWith(LoopPrefix, StringComparison.Ordinal));
            if (line is null || child.ExitCode != 0)
            {
                sample.Error = $"the curl loop failed (exit {child.ExitCode}): {child.Errors.Trim()}";
                return sample;
            }
            string[] times = line.Substring(LoopPrefix.Length).Split(' ');
            sample.Seconds = double.Parse(times[1], CultureInfo.InvariantCulture) - double.Parse(times[0], CultureInfo.InvariantCulture);
            sample.ClientCpuSeconds = ChildrenCpu(codes + ".after") - ChildrenCpu(codes + ".before");

            string[] files = File.ReadAllLines(filesList).Where(l => l.Length > 0).ToArray();
            sample.Files = files.Length;
            foreach (string status in File.ReadAllLines(codes)) CountStatus(sample, status);
            if (sample.Created + sample.Existed != files.Length && sample.Error is null)
            {
                sample.Error = $"{files.Length - sample.Created - sample.Existed} of {files.Length} curl uploads did not succeed.";
            }
            sample.Bytes = files.Sum(f => new FileInfo(f).Length);
            return sample;
        }

        private static void CountStatus(RunSample sample, string status)
        {
            switch (status.Trim())
            {
                case "201": sample.Created++; break;
                case "200": sample.Existed++; break;
                default: sample.Error ??= "curl got HTTP " + status.Trim(); break;
            }
        }

        private static string UploadUri(BenchContext context) => context.Server.BaseUri.AbsoluteUri.TrimEnd('/') + "/recordings/upload";

        private static string Format(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        private static double TimeField(string[] report, string name)
        {
            string line = report.Select(l => l.Trim()).First(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            return double.Parse(line.Substring(name.Length + 1).Trim(), CultureInfo.InvariantCulture);
        }

        // bash `times`: line 1 is the shell, line 2 its children, as "0m1.234s 0m0.567s" (user, system).
        private static double ChildrenCpu(string timesFile)
        {
            string[] fields = File.ReadAllLines(timesFile)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Sum(ParseMinutesSeconds);
        }

        private static double ParseMinutesSeconds(string value)
        {
            int m = value.IndexOf('m');
            return int.Parse(value.Substring(0, m), CultureInfo.InvariantCulture) * 60
                + double.Parse(value.Substring(m + 1).TrimEnd('s'), CultureInfo.InvariantCulture);
        }

        // VmHWM only grows, so the last value read before the process is gone is its peak (to within one interval).
        private static async Task SamplePeak(int pid, Action<long> observe)
        {
            string id = pid.ToString(CultureInfo.InvariantCulture);
            while (ProcStatus.ReadKiB("VmHWM", id) is long kib)
            {
                observe(kib);
                await Task.Delay(10).ConfigureAwait(false);
            }
        }
    }
}
