using System;
using System.Globalization;
using System.IO;

namespace Alpharun.Benchmarks
{
    /// <summary>The harness's settings. The defaults are the published benchmark; smaller ones are for trying the harness quickly.</summary>
    internal sealed class BenchmarkOptions
    {
        public const string Usage =
            "usage: dotnet run -c Release --project bench/Alpharun.Benchmarks [-- [--small-files N] [--small-kib N] [--large-mib N] " +
            "[--reps N] [--large-reps N] [--import-samples N] [--warmup N] [--only import|large|small|wan|journal] [--work-dir DIR] " +
            "[--wan-files N] [--wan-loop-files N] [--wan-reps N] [--wan-rtt-ms N] [--wan-mbit N] [--journal-files N] [--journal-kib N] [--journal-reps N]]";

        public int SmallFiles { get; private set; } = 200;

        public int SmallFileKiB { get; private set; } = 256;

        public int LargeFileMiB { get; private set; } = 1024;

        /// <summary>Repetitions of each small-file measurement; the median is reported.</summary>
        public int SmallReps { get; private set; } = 7;

        /// <summary>Repetitions of each 1 GiB upload; the median time and the largest memory growth are reported.</summary>
        public int LargeReps { get; private set; } = 5;

        /// <summary>Fresh processes timing Import-Module, per variant.</summary>
        public int ImportSamples { get; private set; } = 5;

        /// <summary>Files uploaded untimed by every client before its timed run.</summary>
        public int WarmupFiles { get; private set; } = 5;

        /// <summary>WAN: files of the timed run for Send-AlpharunRecording and ForEach-Object -Parallel.</summary>
        public int WanFiles { get; private set; } = 100;

        /// <summary>WAN: files of the timed run for the sequential Invoke-RestMethod loop (slow per file, so fewer; the rate is per file).</summary>
        public int WanLoopFiles { get; private set; } = 50;

        /// <summary>WAN: repetitions of each client; the median is reported.</summary>
        public int WanReps { get; private set; } = 3;

        /// <summary>WAN: the round trip the delay proxy adds, milliseconds.</summary>
        public int WanRoundTripMs { get; private set; } = 40;

        /// <summary>WAN: a bandwidth cap per direction, shared by all connections, in Mbit/s; null for none.</summary>
        public int? WanMegabits { get; private set; }

        /// <summary>Journal: files of the first journaled run and its reruns (issue 16: a nightly rerun of 10,000 files).</summary>
        public int JournalFiles { get; private set; } = 10_000;

        /// <summary>Journal: the files' mean size in KiB (each within ±25% of it).</summary>
        public int JournalKiB { get; private set; } = 256;

        /// <summary>Journal: reruns and listings timed; the median is reported.</summary>
        public int JournalReps { get; private set; } = 3;

        /// <summary>Run just this scenario ("import", "large", "small", "wan" or "journal"); null runs all five.</summary>
        public string? Only { get; private set; }

        /// <summary>The -ThrottleLimit values compared with -ThrottleLimit 1.</summary>
        public int[] ParallelThrottles { get; } = { 4, 8 };

        /// <summary>Where the test data goes (it is deleted at the end).</summary>
        public string WorkDir { get; private set; } = Path.GetTempPath();

        /// <summary>True for the published settings; only such a run overwrites bench/results/latest.md.</summary>
        public bool IsDefault { get; private set; } = true;

        /// <summary>The options as given on the command line, for the report's header.</summary>
        public string Arguments { get; private set; } = string.Empty;

        public bool Runs(string scenario) => Only is null || Only == scenario;

        public static BenchmarkOptions Parse(string[] args)
        {
            var options = new BenchmarkOptions { Arguments = string.Join(" ", args) };
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value.");
                string value = args[++i];
                int Number() => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                    ? n : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'.");
                switch (name)
                {
                    case "--small-files": options.SmallFiles = Number(); break;
                    case "--small-kib": options.SmallFileKiB = Number(); break;
                    case "--large-mib": options.LargeFileMiB = Number(); break;
                    case "--reps": options.SmallReps = Number(); break;
                    case "--large-reps": options.LargeReps = Number(); break;
                    case "--import-samples": options.ImportSamples = Number(); break;
                    case "--warmup": options.WarmupFiles = Number(); break;
                    case "--only":
                        options.Only = value is "import" or "large" or "small" or "wan" or "journal" ? value : throw new ArgumentException("--only takes import, large, small, wan or journal.");
                        break;
                    case "--wan-files": options.WanFiles = Number(); break;
                    case "--wan-loop-files": options.WanLoopFiles = Number(); break;
                    case "--wan-reps": options.WanReps = Number(); break;
                    case "--wan-rtt-ms": options.WanRoundTripMs = Number(); break;
                    case "--wan-mbit": options.WanMegabits = Number(); break;
                    case "--journal-files": options.JournalFiles = Number(); break;
                    case "--journal-kib": options.JournalKiB = Number(); break;
                    case "--journal-reps": options.JournalReps = Number(); break;
                    case "--work-dir": options.WorkDir = value; continue;
                    default: throw new ArgumentException($"Unknown option {name}.");
                }
                options.IsDefault = false;
            }
            return options;
        }
    }
}
