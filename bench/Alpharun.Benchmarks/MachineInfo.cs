using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Alpharun.Benchmarks
{
    /// <summary>What the figures were measured on: the machine, the runtime and the commit (read-only git queries).</summary>
    internal static class MachineInfo
    {
        public static string Describe()
        {
            string cpu = ReadCpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString();
            long? memKiB = File.Exists("/proc/meminfo") ? ReadMemTotalKiB() : null;
            string memory = memKiB.HasValue ? $", {memKiB.Value / 1024.0 / 1024.0:0.#} GiB RAM" : string.Empty;
            return $"{Environment.ProcessorCount} logical cores ({cpu}){memory}, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}";
        }

        /// <summary>The 1-minute load average from /proc/loadavg: anything else busy on the machine shows here.</summary>
        public static string LoadAverage() =>
            File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

        /// <summary>
        /// How busy all cores were, in percent, over <paramref name="window"/> (from /proc/stat): taken before the
        /// benchmark starts anything, it shows whether something else was using the machine.
        /// </summary>
        public static double? BusyPercent(TimeSpan window)
        {
            if (!File.Exists("/proc/stat")) return null;
            (long busy0, long total0) = CpuTicks();
            System.Threading.Thread.Sleep(window);
            (long busy1, long total1) = CpuTicks();
            return total1 == total0 ? null : 100.0 * (busy1 - busy0) / (total1 - total0);
        }

        /// <summary>
        /// Waits until the machine is quiet (all cores under <paramref name="busyPercent"/> busy over one
        /// <paramref name="window"/>) or <paramref name="maxWait"/> has passed, so another build or test run does
        /// not distort the figures. Returns the last busy percentage seen.
        /// </summary>
        public static double? WaitForQuiet(double busyPercent, TimeSpan window, TimeSpan maxWait)
        {
            var waited = Stopwatch.StartNew();
            bool told = false;
            while (true)
            {
                double? busy = BusyPercent(window);
                if (busy is null || busy < busyPercent)
                {
                    if (told) Console.WriteLine($"  ... quiet after {waited.Elapsed.TotalSeconds:0} s");
                    return busy;
                }
                if (waited.Elapsed >= maxWait)
                {
                    Console.WriteLine($"  ... still {busy:0}% busy after {waited.Elapsed.TotalSeconds:0} s; measuring anyway");
                    return busy;
                }
                if (!told) Console.WriteLine($"  the machine is {busy:0}% busy with other work; waiting for it to quiet down ...");
                told = true;
            }
        }

        /// <summary>CPU seconds all cores have been busy since boot (from /proc/stat), or null; differences give the machine-wide use over a window.</summary>
        public static double? BusyCpuSeconds() => File.Exists("/proc/stat") ? CpuTicks().Busy / 100.0 : null;

        // The "cpu" line, in USER_HZ (100 a second): user nice system idle iowait irq softirq steal; idle and iowait are not busy.
        private static (long Busy, long Total) CpuTicks()
        {
            long[] ticks = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(t => long.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            long total = ticks.Take(8).Sum();
            return (total - ticks[3] - ticks[4], total);
        }

        /// <summary>"abc1234" or "abc1234 + uncommitted changes in N tracked files"; null without git.</summary>
        public static string? Commit()
        {
            string? head = Git("rev-parse --short HEAD");
            if (head is null) return null;
            // --no-optional-locks: status must not even refresh the index; this harness changes nothing in git.
            // The results file is left out: an earlier run's output is not a change to what is measured.
            string? status = Git("--no-optional-locks status --porcelain --untracked-files=no -- . \":(exclude)bench/results\"");
            int changed = status?.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
            return changed == 0 ? head : $"{head} + uncommitted changes in {changed} tracked file(s)";
        }

        private static string? ReadCpuModel() =>
            File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                : null;

        private static long? ReadMemTotalKiB()
        {
            string? line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        private static string? Git(string arguments)
        {
            try
            {
                var info = new ProcessStartInfo("git", $"-C \"{Launcher.RepoRoot}\" {arguments}")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                using Process git = Process.Start(info)!;
                string output = git.StandardOutput.ReadToEnd().Trim();
                git.WaitForExit();
                return git.ExitCode == 0 ? output : null;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }
    }
}
