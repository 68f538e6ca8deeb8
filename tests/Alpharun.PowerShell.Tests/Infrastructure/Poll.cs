using System;
using System.Diagnostics;
using System.Threading;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// Waiting for a condition nothing signals (a count on the server, a line in a stream): polled, with a deadline
    /// and a failure that names what never happened. The only sleeps of the tests that are not the timing under
    /// test are the poll intervals here.
    /// </summary>
    internal static class Poll
    {
        public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(20);

        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

        /// <summary>Returns once <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="limit"/>.</summary>
        public static void Until(Func<bool> condition, string what, TimeSpan? limit = null)
        {
            TimeSpan max = limit ?? DefaultLimit;
            var waited = Stopwatch.StartNew();
            while (!condition())
            {
                if (waited.Elapsed > max) throw new TimeoutException($"Waited {max.TotalSeconds:0.#} s until {what}; it never happened.");
                Thread.Sleep(Interval); // the poll interval, not a wait for something
            }
        }

        /// <summary>
        /// Defines Wait-TestCondition in a session: the same wait inside a pipeline (an input generator that holds a
        /// file back until the server saw the one before it). It throws, ending the pipeline, when the deadline passes.
        /// </summary>
        public const string DefineWaitFunction = @"
            function global:Wait-TestCondition([scriptblock] $Condition, [string] $What, [double] $TimeoutSec = 20) {
                $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
                while (-not (& $Condition)) {
                    if ([DateTime]::UtcNow -gt $deadline) { throw ""Waited $TimeoutSec s until $What; it never happened."" }
                    Start-Sleep -Milliseconds 10 # the poll interval, not a wait for something
                }
            }";
    }
}
