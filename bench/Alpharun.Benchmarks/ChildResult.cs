using System.Collections.Generic;

namespace Alpharun.Benchmarks
{
    /// <summary>What the harness saw of one child process: its report line, other output, and the times around it.</summary>
    internal sealed class ChildResult
    {
        public ClientReport? Report { get; set; }

        /// <summary>stdout lines that were neither markers nor the report.</summary>
        public List<string> Output { get; } = new List<string>();

        public string Errors { get; set; } = string.Empty;

        public int ExitCode { get; set; }

        public bool TimedOut { get; set; }

        /// <summary>From process start to exit, as the harness saw it: runtime start, import, warm-up, upload, exit.</summary>
        public double WallSeconds { get; set; }

        /// <summary>CPU the server used between the child's start and end markers (or, with no markers, its whole life).</summary>
        public double? ServerCpuSeconds { get; set; }

        /// <summary>CPU seconds all cores were busy over the same window as <see cref="ServerCpuSeconds"/>, whoever used them.</summary>
        public double? MachineCpuSeconds { get; set; }

        /// <summary>Seconds between the start and end markers as the harness saw them (or the whole process, with no markers): the window of the CPU figures.</summary>
        public double WindowSeconds { get; set; }

        /// <summary>Whether the child bracketed its timed run with markers (so ServerCpuSeconds covers exactly that run).</summary>
        public bool SawMarkers { get; set; }
    }
}
