using System;
using System.Linq;

namespace Alpharun.Benchmarks
{
    /// <summary>One timed run of one client, in the units the table shows.</summary>
    internal sealed class RunSample
    {
        public double Seconds { get; set; }

        public double WallSeconds { get; set; }

        public double? ClientCpuSeconds { get; set; }

        public double? ServerCpuSeconds { get; set; }

        /// <summary>CPU seconds all cores were busy over the server's window, whoever used them.</summary>
        public double? MachineCpuSeconds { get; set; }

        /// <summary>
        /// CPU seconds used by neither the client nor the server during the timed part: the harness (idle while it
        /// waits), the kernel's own work, and anything else on the machine. Large values mean the run was disturbed.
        /// </summary>
        public double? OtherCpuSeconds => MachineCpuSeconds - ClientCpuSeconds - ServerCpuSeconds - (ProxyCpuSeconds ?? 0);

        /// <summary>WAN runs: CPU seconds of the harness process (the delay and TLS proxy) over the timed part; null elsewhere.</summary>
        public double? ProxyCpuSeconds { get; set; }

        /// <summary>WAN runs: connections the client opened through the proxy during the timed part; null elsewhere.</summary>
        public int? Connections { get; set; }

        /// <summary>The window (seconds) the CPU figures cover: the timed part as the harness saw it.</summary>
        public double WindowSeconds { get; set; }

        /// <summary><see cref="OtherCpuSeconds"/> as a share of all cores' time over the window, in percent; null when unknown.</summary>
        public double? OtherSharePercent =>
            OtherCpuSeconds.HasValue && WindowSeconds > 0 ? Math.Max(0, OtherCpuSeconds.Value) / (WindowSeconds * Environment.ProcessorCount) * 100 : null;

        /// <summary>Peak RSS during the run minus RSS right before it, MiB; null when not measured this way.</summary>
        public double? GrowthMiB { get; set; }

        /// <summary>Peak RSS of the uploading process during the run (or its whole life, for curl), MiB.</summary>
        public double? PeakMiB { get; set; }

        public int Files { get; set; }

        /// <summary>The client's own remark (the PowerShell version, for import runs).</summary>
        public string? Note { get; set; }

        public long Bytes { get; set; }

        public int Created { get; set; }

        public int Existed { get; set; }

        /// <summary>Why this run does not count (a failed upload, a crash, a timeout); null when it is good.</summary>
        public string? Error { get; set; }

        public bool IsValid => Error is null;

        /// <summary>A .NET client's run, from its report and what the harness saw.</summary>
        public static RunSample FromChild(ChildResult child)
        {
            ClientReport? report = child.Report;
            var sample = new RunSample { WallSeconds = child.WallSeconds, ServerCpuSeconds = child.ServerCpuSeconds, MachineCpuSeconds = child.MachineCpuSeconds, WindowSeconds = child.WindowSeconds };
            if (report is null)
            {
                string detail = string.Join(" ", child.Output.Concat(new[] { child.Errors })).Trim();
                sample.Error = child.TimedOut ? "timed out" : $"no result (exit {child.ExitCode}): {Shorten(detail)}";
                return sample;
            }
            sample.Seconds = report.Seconds;
            sample.ClientCpuSeconds = report.CpuSeconds;
            sample.Files = report.Files;
            sample.Bytes = report.Bytes;
            sample.Created = report.Created;
            sample.Existed = report.AlreadyExisted;
            sample.Note = report.Note;
            if (report.PeakAfterKiB.HasValue) sample.PeakMiB = report.PeakAfterKiB.Value / 1024.0;
            if (report.PeakReset && report.PeakAfterKiB.HasValue && report.RssBeforeKiB.HasValue)
            {
                sample.GrowthMiB = (report.PeakAfterKiB.Value - report.RssBeforeKiB.Value) / 1024.0;
            }
            if (report.Failed > 0) sample.Error = $"{report.Failed} of {report.Files} uploads failed: {Shorten(report.FirstError ?? string.Empty)}";
            else if (child.ExitCode != 0) sample.Error = $"exit {child.ExitCode}: {Shorten(child.Errors)}";
            return sample;
        }

        private static string Shorten(string text) => text.Length <= 300 ? text : text.Substring(0, 300) + "...";
    }
}
