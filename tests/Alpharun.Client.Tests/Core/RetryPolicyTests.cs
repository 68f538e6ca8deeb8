using System;
using System.Linq;
using Xunit;

namespace Alpharun.Tests
{
    public class RetryPolicyTests
    {
        private static AlpharunApiException Status(int code) => UploadResponseReader.MapFailure(code, null,
            new RecordingUploadRequest("/x.wav", "a@b.io", DateTimeOffset.Now, new[] { new Contact(email: "c@d.io") }));

        [Theory]
        [InlineData(408)]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        public void TransientStatusesAreRetried(int code) => Assert.True(RetryPolicy.IsTransient(Status(code)));

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(413)]
        [InlineData(422)]
        [InlineData(501)]
        public void OtherStatusesAreFinal(int code) => Assert.False(RetryPolicy.IsTransient(Status(code)));

        [Theory]
        [InlineData(ApiErrorKind.ConnectionFailed)]
        [InlineData(ApiErrorKind.Timeout)]
        public void ConnectionFailuresAndTimeoutsAreRetried(ApiErrorKind kind) => Assert.True(RetryPolicy.IsTransient(new AlpharunApiException(kind, "x")));

        [Theory]
        [InlineData(408)]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(504)]
        public void ATransientStatusIsRetriedWhateverTheFailuresKind(int code) =>
            Assert.True(RetryPolicy.IsTransient(new AlpharunApiException(ApiErrorKind.UnexpectedStatus, "x", code)));

        [Fact]
        public void NullFailureIsRefusedByName() =>
            Assert.Equal("failure", Assert.Throws<ArgumentNullException>(() => RetryPolicy.IsTransient(null!)).ParamName);

        [Fact]
        public void NegativeMaxRetriesIsRefused()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(-1));
            Assert.Equal("maxRetries", e.ParamName);
            Assert.StartsWith("maxRetries cannot be negative.", e.Message);
        }

        [Fact]
        public void DefaultsAreThreeRetriesOneSecondThirtySecondsAndFiveMinutes()
        {
            var policy = new RetryPolicy();
            Assert.Equal((3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)),
                (policy.MaxRetries, policy.BaseDelay, policy.MaxDelay, policy.MaxRetryAfter));
            Assert.Equal(0, RetryPolicy.None.MaxRetries);
        }

        [Fact]
        public void GivenDelaysAreKept()
        {
            var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(90));
            Assert.Equal((5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(90)),
                (policy.MaxRetries, policy.BaseDelay, policy.MaxDelay, policy.MaxRetryAfter));
        }

        [Fact]
        public void RetryAfterIsCappedAtAGivenLimit() =>
            Assert.Equal(TimeSpan.FromSeconds(90), new RetryPolicy(maxRetryAfter: TimeSpan.FromSeconds(90)).GetDelay(1, TimeSpan.FromMinutes(4)));

        [Fact]
        public void BackoffStaysUnderAGivenBaseAndCeiling()
        {
            var policy = new RetryPolicy(baseDelay: TimeSpan.FromMilliseconds(10), maxDelay: TimeSpan.FromMilliseconds(15));
            for (int i = 0; i < 200; i++)
            {
                Assert.InRange(policy.GetDelay(1, null).TotalMilliseconds, 0, 10);
                Assert.InRange(policy.GetDelay(3, null).TotalMilliseconds, 0, 15);
            }
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-30)]
        public void RetryAfterOfZeroOrADateInThePastBacksOffAsWithoutOne(int seconds)
        {
            // Retry-After: 0, or a date already past (RetryAfterOf gives zero for it; a negative wait is read the same):
            // taken at its word, every retry would follow at once. The waits are the backoff's, spread up to its ceiling.
            var policy = new RetryPolicy(baseDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromSeconds(30));
            for (int retry = 1; retry <= 3; retry++)
            {
                double ceiling = Math.Pow(2, retry - 1);
                var delays = Enumerable.Range(0, 200).Select(_ => policy.GetDelay(retry, TimeSpan.FromSeconds(seconds)).TotalSeconds).ToList();
                Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
                Assert.True(delays.Max() > ceiling / 2, $"retry {retry}: the longest of 200 waits was {delays.Max():0.000} s");
            }
        }

        [Fact]
        public void RetryAfterIsHonouredOverBackoff() => Assert.Equal(TimeSpan.FromSeconds(7), new RetryPolicy().GetDelay(1, TimeSpan.FromSeconds(7)));

        [Fact]
        public void RetryAfterIsCappedAtTheLimit() => Assert.Equal(TimeSpan.FromMinutes(5), new RetryPolicy().GetDelay(1, TimeSpan.FromHours(2)));

        [Fact]
        public void FullJitterStaysUnderTheDoublingCeiling()
        {
            var policy = new RetryPolicy(baseDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromSeconds(30));
            for (int retry = 1; retry <= 7; retry++)
            {
                double ceiling = Math.Min(30, Math.Pow(2, retry - 1));
                var delays = Enumerable.Range(0, 200).Select(_ => policy.GetDelay(retry, null).TotalSeconds).ToList();
                Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
                Assert.True(delays.Max() > ceiling / 2, "jitter spreads over the whole range");
                Assert.True(delays.Distinct().Count() > 100, "waits are random");
            }
        }
    }
}
