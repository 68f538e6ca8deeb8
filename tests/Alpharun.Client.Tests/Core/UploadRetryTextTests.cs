using System;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>What -Verbose shows for a retry: the short reason and the whole line.</summary>
    public class UploadRetryTextTests
    {
        private static readonly RecordingUploadRequest Request =
            new RecordingUploadRequest("/rec/call.wav", "a@b.io", DateTimeOffset.Now, new[] { new Contact(email: "c@d.io") });

        [Fact]
        public void ATimedOutAttemptIsTimedOut() =>
            Assert.Equal("timed out", new UploadRetry(Request, 1, 3, new AlpharunApiException(ApiErrorKind.Timeout, "x"), TimeSpan.Zero).Reason);

        [Fact]
        public void AConnectionFailureIsConnectionFailed() =>
            Assert.Equal("connection failed", new UploadRetry(Request, 1, 3, new AlpharunApiException(ApiErrorKind.ConnectionFailed, "x"), TimeSpan.Zero).Reason);

        [Fact]
        public void AnAnswerIsItsStatus() =>
            Assert.Equal("HTTP 503", new UploadRetry(Request, 1, 3, new AlpharunApiException(ApiErrorKind.ServerError, "x", 503), TimeSpan.Zero).Reason);

        [Fact]
        public void TheLineCountsAttemptsOutOfRetriesPlusOne()
        {
            var retry = new UploadRetry(Request, 2, 3, new AlpharunApiException(ApiErrorKind.Timeout, "x"), TimeSpan.FromMilliseconds(1500));

            // The delay is formatted in the current culture, as the line is.
            Assert.Equal($"'/rec/call.wav': attempt 2 of 4 failed (timed out); retrying in {1.5:0.0} s.", retry.ToString());
            Assert.Equal((2, 3), (retry.FailedAttempt, retry.MaxRetries));
        }
    }
}
