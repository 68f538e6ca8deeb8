using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// The gate's pauses, budget and closing, on an injected clock: what it decides from each failure, and when
    /// WaitAsync waits (seen through how often it reads the clock: once more after each real wait).
    /// </summary>
    public class UploadGateClockTests
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

        private static readonly RecordingUploadRequest Request =
            new RecordingUploadRequest("/rec/a.wav", "a@b.io", T0, new[] { new Contact(email: "c@d.io") });

        // Only a bound so that a broken gate fails the test instead of hanging it.
        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

        /// <summary>Reads <see cref="Now"/>, counting the reads; <see cref="Then"/> (if set) is returned from the given read on.</summary>
        private sealed class Clock
        {
            private int _reads;
            public DateTimeOffset Now { get; set; } = T0;
            public DateTimeOffset? Then { get; set; }
            public int ThenFromRead { get; set; } = int.MaxValue;
            public int Reads => Volatile.Read(ref _reads);

            /// <summary>When set, the value of each read in turn (the last one repeats), instead of Now/Then.</summary>
            public DateTimeOffset[]? Script { get; set; }

            public DateTimeOffset Read()
            {
                int read = Interlocked.Increment(ref _reads);
                if (Script != null) return Script[Math.Min(read, Script.Length) - 1];
                return Then.HasValue && read >= ThenFromRead ? Then.Value : Now;
            }
        }

        private static AlpharunApiException Status(int code, TimeSpan? retryAfter) =>
            new AlpharunApiException(code == 429 ? ApiErrorKind.RateLimited : ApiErrorKind.ServerError, "busy", code, null, null, retryAfter);

        private static AlpharunApiException Unanswered(ApiErrorKind kind) => new AlpharunApiException(kind, "no answer");

        [Fact]
        public void ANegativeMaxPauseIsRefused()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new UploadGate(TimeSpan.FromTicks(-1)));
            Assert.Equal("maxPause", e.ParamName);
            Assert.StartsWith("maxPause cannot be negative.", e.Message);
        }

        [Fact]
        public void AZeroMaxPauseAndABudgetOfOneAreAccepted()
        {
            var gate = new UploadGate(TimeSpan.Zero, 1);
            Assert.Equal((TimeSpan.Zero, 1), (gate.MaxPause, gate.ConnectionFailureBudget));
        }

        [Fact]
        public void ABudgetUnderOneIsRefused()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new UploadGate(TimeSpan.FromMinutes(1), 0));
            Assert.Equal("connectionFailureBudget", e.ParamName);
            Assert.StartsWith("The budget is at least 1.", e.Message);
        }

        [Fact]
        public void ANullFailureIsRefusedByName() =>
            Assert.Equal("failure", Assert.Throws<ArgumentNullException>(() => new UploadGate(TimeSpan.FromMinutes(1)).Failed(null!, Request)).ParamName);

        [Fact]
        public void ANewGateHasNoPause() => Assert.Null(new UploadGate(TimeSpan.FromMinutes(1), 6, new Clock().Read).PausedUntil);

        [Theory]
        [InlineData(429)]
        [InlineData(503)]
        public void ARetryAfterOn429Or503PausesUntilItEndsAndNotAtItsEnd(int code)
        {
            var clock = new Clock();
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, clock.Read);

            Assert.Null(gate.Failed(Status(code, TimeSpan.FromSeconds(10)), Request));

            Assert.Equal(T0.AddSeconds(10), gate.PausedUntil);
            clock.Now = T0.AddSeconds(9);
            Assert.Equal(T0.AddSeconds(10), gate.PausedUntil);
            clock.Now = T0.AddSeconds(10);
            Assert.Null(gate.PausedUntil);
        }

        [Fact]
        public void ARetryAfterOnAnotherStatusDoesNotPause()
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, new Clock().Read);

            Assert.Null(gate.Failed(Status(500, TimeSpan.FromSeconds(10)), Request));

            Assert.Null(gate.PausedUntil);
        }

        [Fact]
        public void A429WithoutRetryAfterDoesNotPause()
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, new Clock().Read);

            Assert.Null(gate.Failed(Status(429, null), Request));

            Assert.Null(gate.PausedUntil);
        }

        [Fact]
        public void ARetryAfterOfExactlyMaxPauseIsWaitedOut()
        {
            var gate = new UploadGate(TimeSpan.FromSeconds(60), 6, new Clock().Read);

            Assert.Null(gate.Failed(Status(429, TimeSpan.FromSeconds(60)), Request));

            Assert.Null(gate.ClosedBy);
            Assert.Equal(T0.AddSeconds(60), gate.PausedUntil);
        }

        [Fact]
        public void AShorterRetryAfterDoesNotShortenThePause()
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, new Clock().Read);

            gate.Failed(Status(429, TimeSpan.FromSeconds(30)), Request);
            gate.Failed(Status(503, TimeSpan.FromSeconds(5)), Request);

            Assert.Equal(T0.AddSeconds(30), gate.PausedUntil);
        }

        [Theory]
        [InlineData(120, "2 min")]
        [InlineData(7200, "2 h")]
        [InlineData(5400, "90 min")]
        public void ATooLongRetryAfterClosesTheGateSayingHowLongAndUntilWhen(int seconds, string described)
        {
            var gate = new UploadGate(TimeSpan.FromSeconds(60), 6, new Clock().Read);
            var failure = Status(429, TimeSpan.FromSeconds(seconds));

            AlpharunApiException? stop = gate.Failed(failure, Request);

            string at = T0.AddSeconds(seconds).ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            Assert.NotNull(stop);
            Assert.Equal(ApiErrorKind.RateLimited, stop!.Kind);
            Assert.Equal($"The Alpharun API asked the batch to wait {described} (HTTP 429 with Retry-After) at '/rec/a.wav', longer than the 60 s allowed (-MaxRateLimitWaitSec). Run it again after {at}.", stop.Message);
            Assert.Equal(TimeSpan.FromSeconds(seconds), stop.RetryAfter);
            Assert.Same(failure, stop.InnerException);
            Assert.Same(stop, gate.ClosedBy);
            Assert.Same(Request, gate.ClosedFor);
        }

        [Fact]
        public void TimeoutsCountTowardTheBudget()
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 1, new Clock().Read);
            var failure = Unanswered(ApiErrorKind.Timeout);

            AlpharunApiException? stop = gate.Failed(failure, Request);

            Assert.NotNull(stop);
            Assert.Equal(ApiErrorKind.Timeout, stop!.Kind);
            Assert.Equal("1 attempts in a row failed without an answer from the API, the last for '/rec/a.wav': no answer", stop.Message);
            Assert.Same(failure, stop.InnerException);
        }

        [Fact]
        public void OtherUnansweredFailuresDoNotCountTowardTheBudget()
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 1, new Clock().Read);

            // CertificateRejected was the example here; it now stops the batch on its own (below). Only a failed
            // connection and a timeout count toward the budget.
            Assert.Null(gate.Failed(Unanswered(ApiErrorKind.InvalidResponse), Request));
            Assert.Null(gate.ClosedBy);
        }

        [Theory]
        [InlineData(ApiErrorKind.ApiKeyRejected)]
        [InlineData(ApiErrorKind.NotAlpharunApi)]
        [InlineData(ApiErrorKind.CertificateRejected)]
        [InlineData(ApiErrorKind.TlsHandshakeFailed)]
        [InlineData(ApiErrorKind.ProxyAuthenticationRequired)]
        public void AFailureEveryUploadWouldMeetClosesTheGateAtOnce(ApiErrorKind kind)
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, new Clock().Read);
            var failure = Unanswered(kind);

            Assert.Same(failure, gate.Failed(failure, Request));
            Assert.Same(failure, gate.ClosedBy);
            Assert.Same(Request, gate.ClosedFor);
            Assert.True(UploadGate.StopsTheBatch(kind));
        }

        [Theory]
        [InlineData(ApiErrorKind.RequestRejected)]
        [InlineData(ApiErrorKind.Forbidden)]
        [InlineData(ApiErrorKind.InvalidResponse)]
        [InlineData(ApiErrorKind.UnexpectedStatus)]
        [InlineData(ApiErrorKind.ServerError)]
        public void AFailureOfOneUploadLeavesTheGateOpen(ApiErrorKind kind)
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, new Clock().Read);

            Assert.Null(gate.Failed(new AlpharunApiException(kind, "x", 422), Request));
            Assert.Null(gate.ClosedBy);
            Assert.False(UploadGate.StopsTheBatch(kind));
        }

        [Fact]
        public void AnAnswerBreaksTheRunOfConnectionFailures()
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 2, new Clock().Read);

            Assert.Null(gate.Failed(Unanswered(ApiErrorKind.ConnectionFailed), Request));
            gate.Answered();
            Assert.Null(gate.Failed(Unanswered(ApiErrorKind.ConnectionFailed), Request));

            Assert.NotNull(gate.Failed(Unanswered(ApiErrorKind.ConnectionFailed), Request));
        }

        [Fact]
        public void AnHttpErrorAnswerBreaksTheRunOfConnectionFailuresToo()
        {
            // Five attempts without an answer, then a 503 (an answer, though a failed one), then one more without: a
            // run of one, not six.
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, new Clock().Read);
            for (int i = 0; i < 5; i++) Assert.Null(gate.Failed(Unanswered(ApiErrorKind.ConnectionFailed), Request));

            Assert.Null(gate.Failed(Status(503, retryAfter: null), Request));
            Assert.Null(gate.Failed(Unanswered(ApiErrorKind.ConnectionFailed), Request));

            Assert.Null(gate.ClosedBy);
            for (int i = 0; i < 4; i++) Assert.Null(gate.Failed(Unanswered(ApiErrorKind.ConnectionFailed), Request));
            Assert.StartsWith("6 attempts in a row failed", gate.Failed(Unanswered(ApiErrorKind.ConnectionFailed), Request)!.Message);
        }

        [Fact]
        public void CloseKeepsTheFirstReasonAndStopsEveryLaterFailure()
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, new Clock().Read);
            var reason = new AlpharunApiException(ApiErrorKind.ApiKeyRejected, "key rejected", 401);

            gate.Close(reason);
            gate.Close(new AlpharunApiException(ApiErrorKind.ServerError, "later"));

            Assert.Same(reason, gate.ClosedBy);
            Assert.Null(gate.ClosedFor);
            AlpharunApiException? stop = gate.Failed(Status(503, null), Request);
            Assert.Equal(ApiErrorKind.ApiKeyRejected, stop!.Kind);
            Assert.Equal("The batch stopped before this upload was sent again: key rejected", stop.Message);
        }

        [Fact]
        public async Task WaitingWithNoMinimumAndNoPauseReturnsAtOnce()
        {
            var clock = new Clock { Then = T0.AddMilliseconds(1), ThenFromRead = 3 };
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, clock.Read);

            await gate.WaitAsync(TimeSpan.Zero, CancellationToken.None);

            // The start and one look at the clock: no wait, not even a zero one.
            Assert.Equal(2, clock.Reads);
        }

        [Fact]
        public async Task WaitingWaitsTheMinimumWithNoPause()
        {
            // From the third read on the minimum has passed: a gate that waited reads the clock a third time.
            var clock = new Clock { Then = T0.AddMilliseconds(1), ThenFromRead = 3 };
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, clock.Read);

            await gate.WaitAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None).WaitAsync(Bound);

            Assert.Equal(3, clock.Reads);
        }

        [Fact]
        public async Task WaitingWaitsTheMinimumWhenAPauseEndsBeforeIt()
        {
            // Reads: the 429 (pause to T0+5 s), the start, then 1 ms before the 10 s minimum ends, then at its end.
            var clock = new Clock { Script = new[] { T0, T0, T0.AddSeconds(10).AddMilliseconds(-1), T0.AddSeconds(10) } };
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, clock.Read);
            gate.Failed(Status(429, TimeSpan.FromSeconds(5)), Request);

            await gate.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).WaitAsync(Bound);

            // A gate that took the pause's end for the minimum's would have returned at the third read.
            Assert.Equal(4, clock.Reads);
        }

        [Fact]
        public async Task ACancelledWaitDuringAPauseThrows()
        {
            // Were the pause not waited on (or the cancellation swallowed), the third read would find it over.
            var clock = new Clock { Then = T0.AddSeconds(10), ThenFromRead = 4 };
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, clock.Read);
            gate.Failed(Status(429, TimeSpan.FromSeconds(10)), Request);
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.WaitAsync(TimeSpan.Zero, cancelled.Token));
        }

        [Fact]
        public async Task ClosingTheGateEndsAWaitWithTheReasonsKind()
        {
            var gate = new UploadGate(TimeSpan.FromHours(2), 6, new Clock().Read);
            gate.Failed(Status(429, TimeSpan.FromHours(1)), Request);
            Task wait = gate.WaitAsync(TimeSpan.Zero, CancellationToken.None);
            Assert.False(wait.IsCompleted);

            gate.Close(new AlpharunApiException(ApiErrorKind.ApiKeyRejected, "key rejected", 401));

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => wait.WaitAsync(Bound));
            Assert.Equal(ApiErrorKind.ApiKeyRejected, e.Kind);
            Assert.Equal("The batch stopped before this upload was sent again: key rejected", e.Message);
        }

        [Fact]
        public async Task AClosedGateRefusesAWaitAtOnce()
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1), 6, new Clock().Read);
            gate.Close(new AlpharunApiException(ApiErrorKind.RateLimited, "too long", 429));

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => gate.WaitAsync(TimeSpan.Zero, CancellationToken.None));
            Assert.Equal(ApiErrorKind.RateLimited, e.Kind);
            Assert.Equal(429, e.StatusCode);
        }
    }
}
