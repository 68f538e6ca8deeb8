using System;

namespace Alpharun
{
    /// <summary>The API (or the way to it) failed an upload.</summary>
    public sealed class AlpharunApiException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AlpharunApiException(ApiErrorKind kind, string message, int? statusCode = null, string? apiMessage = null, Exception? innerException = null, TimeSpan? retryAfter = null, string? requestId = null)
            : base(message, innerException)
        {
            RetryAfter = retryAfter;
            Kind = kind;
            StatusCode = statusCode;
            ApiMessage = apiMessage;
            RequestId = requestId;
        }

        /// <summary>What went wrong.</summary>
        public ApiErrorKind Kind { get; }

        /// <summary>The HTTP status, when an answer came.</summary>
        public int? StatusCode { get; }

        /// <summary>How long the server asked to wait (its Retry-After header), when it said.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>The API's own message, when its body had one.</summary>
        public string? ApiMessage { get; }

        /// <summary>
        /// The id the server gave its answer (X-Request-Id, X-Amzn-RequestId, X-Correlation-Id, Request-Id, traceparent
        /// and the like), for a support desk to trace it; null when no answer came or it named none. The message ends with it.
        /// </summary>
        public string? RequestId { get; }

        /// <summary>How many attempts the upload made before it ended with this failure (0: none started, e.g. the batch had stopped).</summary>
        public int Attempts { get; internal set; }

        /// <summary>This failure with <paramref name="sentence"/> added to its message; everything else kept, this one as its inner exception.</summary>
        internal AlpharunApiException WithSentence(string sentence) =>
            new AlpharunApiException(Kind, Message + sentence, StatusCode, ApiMessage, this, RetryAfter, RequestId) { Attempts = Attempts };
    }
}
