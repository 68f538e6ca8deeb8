using System;

namespace Alpharun
{
    /// <summary>An attempt failed transiently and the upload will be sent again after <see cref="Delay"/>.</summary>
    public sealed class UploadRetry
    {
        internal UploadRetry(RecordingUploadRequest request, int failedAttempt, int maxRetries, AlpharunApiException failure, TimeSpan delay)
        {
            Request = request;
            FailedAttempt = failedAttempt;
            MaxRetries = maxRetries;
            Failure = failure;
            Delay = delay;
        }

        /// <summary>The upload being retried.</summary>
        public RecordingUploadRequest Request { get; }

        /// <summary>The attempt that failed (1 for the first send).</summary>
        public int FailedAttempt { get; }

        /// <summary>The retries allowed in all.</summary>
        public int MaxRetries { get; }

        /// <summary>Why it failed.</summary>
        public AlpharunApiException Failure { get; }

        /// <summary>The wait before the next attempt.</summary>
        public TimeSpan Delay { get; }

        /// <summary>The short reason, e.g. "HTTP 503", "connection failed", or "HTTP 201, then its body stalled".</summary>
        public string Reason
        {
            get
            {
                int? status = Failure.StatusCode;
                bool success = status >= 200 && status < 300;
                if (status.HasValue && !success) return "HTTP " + status.Value;
                string how = Failure.Kind == ApiErrorKind.Timeout ? "timed out" : "connection failed";
                // A success answer whose body did not come whole: the API probably has the recording, and the retry gets its id.
                return success ? $"HTTP {status}, then its body {(Failure.Kind == ApiErrorKind.Timeout ? "stalled" : "was cut short")}" : how;
            }
        }

        /// <inheritdoc />
        public override string ToString() =>
            $"'{Request.FilePath}': attempt {FailedAttempt} of {MaxRetries + 1} failed ({Reason}); retrying in {Delay.TotalSeconds:0.0} s.";
    }
}
