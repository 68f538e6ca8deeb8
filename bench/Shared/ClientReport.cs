using System.Text.Json;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// What a client process measured about its timed run, printed as one "BENCH-RESULT {json}" line on stdout
    /// for the harness to read.
    /// </summary>
    internal sealed class ClientReport
    {
        public const string Prefix = "BENCH-RESULT ";

        public int Files { get; set; }

        public long Bytes { get; set; }

        /// <summary>Seconds of the timed upload run only (no process start, no module import, no warm-up).</summary>
        public double Seconds { get; set; }

        /// <summary>CPU seconds (user + system, all threads) the client used during the timed run; null when unknown.</summary>
        public double? CpuSeconds { get; set; }

        public int Created { get; set; }

        public int AlreadyExisted { get; set; }

        public int Failed { get; set; }

        public string? FirstError { get; set; }

        /// <summary>VmRSS right before the timed run, KiB.</summary>
        public long? RssBeforeKiB { get; set; }

        /// <summary>VmHWM right after the timed run, KiB: the peak RSS during it, because the peak was reset just before.</summary>
        public long? PeakAfterKiB { get; set; }

        /// <summary>Whether the peak could be reset; if not, PeakAfterKiB is the peak of the whole process life.</summary>
        public bool PeakReset { get; set; }

        /// <summary>Anything else worth reporting (the import mode puts the engine's $PSVersionTable.PSVersion here).</summary>
        public string? Note { get; set; }

        public string ToLine() => Prefix + JsonSerializer.Serialize(this);

        public static ClientReport? TryParse(string line) =>
            line.StartsWith(Prefix, System.StringComparison.Ordinal) ? JsonSerializer.Deserialize<ClientReport>(line.Substring(Prefix.Length)) : null;
    }
}
