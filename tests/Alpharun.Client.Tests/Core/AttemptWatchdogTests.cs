using System;
using System.Threading;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The per-attempt watchdog: armed from the start, and off when the timeout is infinite.</summary>
    public class AttemptWatchdogTests
    {
        // Only a bound so that a broken watchdog fails the test instead of hanging it; the wait ends when the token fires.
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

        [Fact]
        public void ItFiresWithoutAnyKick()
        {
            using var watchdog = new AttemptWatchdog(TimeSpan.FromMilliseconds(1), CancellationToken.None);

            Assert.True(watchdog.Token.WaitHandle.WaitOne(Bound), "the watchdog never fired");
            Assert.True(watchdog.Token.IsCancellationRequested);
        }

        [Fact]
        public void ItFiresAfterAKick()
        {
            using var watchdog = new AttemptWatchdog(TimeSpan.FromMilliseconds(1), CancellationToken.None);
            watchdog.Kick();

            Assert.True(watchdog.Token.WaitHandle.WaitOne(Bound), "the watchdog never fired");
        }

        [Fact]
        public void AnInfiniteTimeoutNeverFiresWhileAFiniteOneDoes()
        {
            using var infinite = new AttemptWatchdog(Timeout.InfiniteTimeSpan, CancellationToken.None);
            infinite.Kick();
            using var finite = new AttemptWatchdog(TimeSpan.FromMilliseconds(1), CancellationToken.None);

            Assert.True(finite.Token.WaitHandle.WaitOne(Bound), "the finite watchdog never fired");
            Assert.False(infinite.Token.IsCancellationRequested);
        }

        [Fact]
        public void TheCallersCancellationPassesThrough()
        {
            using var caller = new CancellationTokenSource();
            using var watchdog = new AttemptWatchdog(Timeout.InfiniteTimeSpan, caller.Token);

            caller.Cancel();

            Assert.True(watchdog.Token.IsCancellationRequested);
        }

        [Fact]
        public void AKickAfterDisposeIsIgnored()
        {
            var watchdog = new AttemptWatchdog(TimeSpan.FromMinutes(1), CancellationToken.None);
            watchdog.Dispose();

            watchdog.Kick();
        }
    }
}
