using System;
using System.Globalization;
using System.IO;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Reads a process's memory and CPU figures from Linux /proc, the numbers the kernel itself keeps, so every
    /// client (a .NET process or curl) is measured the same way.
    /// </summary>
    internal static class ProcStatus
    {
        // USER_HZ, the unit of utime/stime in /proc/<pid>/stat: fixed at 100 by the Linux ABI on every mainstream architecture.
        private const double TicksPerSecond = 100.0;

        /// <summary>True where /proc/self/status exists (Linux).</summary>
        public static bool IsAvailable => File.Exists("/proc/self/status");

        /// <summary>A "VmXxx:   1234 kB" line of /proc/&lt;pid&gt;/status in KiB, or null when it cannot be read.</summary>
        public static long? ReadKiB(string field, string pid = "self")
        {
            try
            {
                foreach (string line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
                    string[] parts = line.Substring(field.Length + 1).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[0], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended between the check and the read.
            }
            catch (UnauthorizedAccessException)
            {
            }
            return null;
        }

        /// <summary>
        /// Resets the process's peak resident set (VmHWM) to its current RSS by writing "5" to clear_refs
        /// (Linux 4.0+), so a later VmHWM shows the peak of what ran after this call only.
        /// </summary>
        public static bool ResetPeak(string pid = "self")
        {
            try
            {
                File.WriteAllText($"/proc/{pid}/clear_refs", "5");
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>User + system CPU seconds used so far by every thread of process <paramref name="pid"/>, or null.</summary>
        public static double? ReadCpuSeconds(int pid)
        {
            try
            {
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
                string[] rest = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                long utime = long.Parse(rest[11], CultureInfo.InvariantCulture);
                long stime = long.Parse(rest[12], CultureInfo.InvariantCulture);
                return (utime + stime) / TicksPerSecond;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException || e is IndexOutOfRangeException)
            {
                return null;
            }
        }
    }
}
