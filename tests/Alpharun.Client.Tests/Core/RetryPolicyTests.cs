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
