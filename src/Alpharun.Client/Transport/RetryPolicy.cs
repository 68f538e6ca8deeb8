using System;

namespace Alpharun
{
    /// <summary>
    /// When and how long to wait before sending an upload again. Retrying is safe because the API answers 200 with
    /// the same id for a recording it already has. Transient failures only: 408, 429, 500, 502, 503, 504, a
    /// connection that failed or was reset, and an attempt that timed out; any other 4xx is final.
    /// </summary>
    public sealed class RetryPolicy
    {
        private static readonly int[] TransientStatuses = { 408, 429, 500, 502, 503, 504 };

        [ThreadStatic] private static Random? _random;

        /// <summary>Three retries, waits from 1 s doubling up to 30 s, Retry-After honoured up to 5 minutes.</summary>
        public RetryPolicy(int maxRetries = 3, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeSpan? maxRetryAfter = null)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries), "maxRetries cannot be negative.");
            MaxRetries = maxRetries;
            BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(30);
            MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromMinutes(5);
        }

        /// <summary>The default policy.</summary>
        public static RetryPolicy Default { get; } = new RetryPolicy();

        /// <summary>No retries.</summary>
        public static RetryPolicy None { get; } = new RetryPolicy(0);

        /// <summary>How many times a failed upload is sent again (0: never).</summary>
        public int MaxRetries { get; }

        /// <summary>The backoff ceiling of the first retry; it doubles with each retry.</summary>
        public TimeSpan BaseDelay { get; }

        /// <summary>The largest backoff ceiling.</summary>
        public TimeSpan MaxDelay { get; }

        /// <summary>The longest Retry-After honoured; a longer one is cut to this.</summary>
        public TimeSpan MaxRetryAfter { get; }

        /// <summary>True for the failures worth sending again.</summary>
        public static bool IsTransient(AlpharunApiException failure)
        {
            if (failure is null) throw new ArgumentNullException(nameof(failure));
            if (failure.Kind == ApiErrorKind.ConnectionFailed || failure.Kind == ApiErrorKind.Timeout) return true;
            return failure.StatusCode.HasValue && Array.IndexOf(TransientStatuses, failure.StatusCode.Value) >= 0;
        }

        /// <summary>
        /// The wait before retry number <paramref name="retry"/> (1 for the first): the server's Retry-After when it
        /// asked for a wait, else "full jitter" — a uniform random wait between zero and the exponential ceiling, so that
        /// many clients failing together do not retry together. A Retry-After of 0 or a date already past asks for no
        /// wait at all; taken at its word, a busy server would get every retry at once, so it backs off as if none was sent.
        /// </summary>
        public TimeSpan GetDelay(int retry, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue && retryAfter.Value > TimeSpan.Zero)
            {
                return retryAfter.Value > MaxRetryAfter ? MaxRetryAfter : retryAfter.Value;
            }
            double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1)));
            _random ??= new Random(Guid.NewGuid().GetHashCode());
            return TimeSpan.FromMilliseconds(_random.NextDouble() * ceiling);
        }
    }
}
