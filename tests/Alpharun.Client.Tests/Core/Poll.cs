using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Alpharun.Tests
{
    /// <summary>
    /// Waiting for a condition nothing signals (a count on the sandbox, a recording stored): polled, with a deadline
    /// and a failure that names what never happened. The only delays of the tests that are not the timing under
    /// test are the poll intervals here.
    /// </summary>
    internal static class Poll
    {
        public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

        /// <summary>Completes once <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="limit"/>.</summary>
        public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
        {
            TimeSpan max = limit ?? DefaultLimit;
            var waited = Stopwatch.StartNew();
            while (!condition())
            {
                if (waited.Elapsed > max) throw new TimeoutException($"Waited {max.TotalSeconds:0.#} s until {what}; it never happened.");
                await Task.Delay(Interval); // the poll interval, not a wait for something
            }
        }
    }
}
