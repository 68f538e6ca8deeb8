using System;
using System.Diagnostics;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Keeps other work on a shared machine from passing as the clients' figures: before each run it waits
    /// (briefly) for the machine to be quiet, and a run during which neither the client nor the server used a large
    /// share of the machine's CPU is redone, at most twice. Both stop once the run has taken long enough, so the
    /// benchmark always ends; every discarded run is still listed in the notes.
    /// </summary>
    internal sealed class DisturbanceGuard
    {
        public const double QuietBusyPercent = 15;

        /// <summary>A run with more than this share of the machine's CPU used by others is redone.</summary>
        public const double DisturbedOtherPercent = 30;

        public const int MaxRedos = 2;

        /// <summary>
        /// A timed part shorter than this is not judged: over a few milliseconds the harness's own work around it
        /// (reading /proc, answering "go") is most of the "other" CPU, whatever else runs.
        /// </summary>
        public const double MinJudgedSeconds = 0.1;

        private static readonly TimeSpan WaitPerRun = TimeSpan.FromSeconds(20);
        public const double BudgetMinutes = 6;

        private static readonly TimeSpan Budget = TimeSpan.FromMinutes(BudgetMinutes);

        private readonly Stopwatch _sinceStart = Stopwatch.StartNew();

        public int Redone { get; private set; }

        private bool HasTime => _sinceStart.Elapsed < Budget;

        public void WaitForQuiet()
        {
            if (HasTime) MachineInfo.WaitForQuiet(QuietBusyPercent, TimeSpan.FromSeconds(1), WaitPerRun);
        }

        /// <summary>True when the run's timed part is long enough for its "other" share to say whether it was disturbed.</summary>
        public static bool IsJudged(RunSample sample) => sample.WindowSeconds >= MinJudgedSeconds;

        /// <summary>True when <paramref name="sample"/> (the <paramref name="redos"/>-th redo) was disturbed and should be run again.</summary>
        public bool ShouldRedo(RunSample sample, int redos)
        {
            bool redo = sample.IsValid && IsJudged(sample) && sample.OtherSharePercent > DisturbedOtherPercent && redos < MaxRedos && HasTime;
            if (redo) Redone++;
            return redo;
        }
    }
}
