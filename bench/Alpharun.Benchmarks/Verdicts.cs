using System.Linq;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Judges client series against their targets for one report and counts what the run's exit code rests on:
    /// targets missed, and series with a failed run (a figure from a failed run is no measurement).
    /// </summary>
    internal sealed class Verdicts
    {
        private readonly string _failedNote;

        /// <param name="failedNote">What follows the count of failed runs, e.g. "run(s) failed".</param>
        public Verdicts(string failedNote) => _failedNote = failedNote;

        public int Misses { get; private set; }

        public int Invalid { get; private set; }

        /// <summary>PASS or MISS for a series with a target, marked when some of its runs failed.</summary>
        public string Judge(bool ok, ClientSeries series)
        {
            if (!series.AnyValid)
            {
                Invalid++;
                return "NO DATA";
            }
            if (!ok) Misses++;
            string verdict = ok ? "PASS" : "MISS";
            if (!series.AllValid)
            {
                Invalid++;
                verdict += $" ({series.Errors.Count()} {_failedNote})";
            }
            return verdict;
        }

        /// <summary>"-" for a series without a target whose runs all succeeded; otherwise what failed.</summary>
        public string Unjudged(ClientSeries series)
        {
            if (series.AllValid) return "-";
            Invalid++;
            return series.AnyValid ? $"{series.Errors.Count()} {_failedNote}" : "NO DATA";
        }
    }
}
