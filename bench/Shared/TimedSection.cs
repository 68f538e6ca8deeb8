using System;
using System.Diagnostics;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Brackets a client's timed run. Before it: snapshot RSS, reset the peak, tell the harness "start" and wait
    /// for its "go" (the harness samples the server's CPU in between, so the server's figure covers exactly this
    /// run). After it: read the peak and CPU, then tell the harness "end".
    /// </summary>
    internal sealed class TimedSection
    {
        public const string StartMarker = "BENCH-MARK start";
        public const string EndMarker = "BENCH-MARK end";

        private readonly Stopwatch _clock = new Stopwatch();
        private long? _rssBefore;
        private bool _peakReset;
        private TimeSpan _cpuBefore;

        public void Begin()
        {
            // Start from a settled heap (import and warm-up garbage collected), the same for both .NET clients.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            _rssBefore = ProcStatus.ReadKiB("VmRSS");
            _peakReset = ProcStatus.ResetPeak();
            Console.Out.WriteLine(StartMarker);
            Console.Out.Flush();
            Console.In.ReadLine();
            _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            _clock.Start();
        }

        public void End(ClientReport report)
        {
            _clock.Stop();
            report.Seconds = _clock.Elapsed.TotalSeconds;
            report.CpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore).TotalSeconds;
            report.RssBeforeKiB = _rssBefore;
            report.PeakAfterKiB = ProcStatus.ReadKiB("VmHWM");
            report.PeakReset = _peakReset;
            Console.Out.WriteLine(EndMarker);
            Console.Out.Flush();
        }
    }
}
