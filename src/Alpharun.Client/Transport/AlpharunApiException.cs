using System;

namespace Alpharun
{
    /// <summary>The API (or the way to it) failed an upload.</summary>
    public sealed class AlpharunApiException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AlpharunApiException(ApiErrorKind kind, string message, int? statusCode = null, string? apiMessage = null, Exception? innerException = null, TimeSpan? retryAfter = null)
            : base(message, innerException)
        {
            RetryAfter = retryAfter;
            Kind = kind;
            StatusCode = statusCode;
            ApiMessage = apiMessage;
        }

        /// <summary>What went wrong.</summary>
        public ApiErrorKind Kind { get; }

        /// <summary>The HTTP status, when an answer came.</summary>
        public int? StatusCode { get; }

        /// <summary>How long the server asked to wait (its Retry-After header), when it said.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>The API's own message, when its body had one.</summary>
        public string? ApiMessage { get; }
    }
}
