using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun
{
    /// <summary>
    /// What the uploads of one batch share, so the batch behaves as one client: every attempt passes the gate first.
    /// A 429 or 503 with Retry-After pauses every upload, not just the one that got it; a Retry-After longer than
    /// <see cref="MaxPause"/> closes the gate at once with <see cref="ApiErrorKind.RateLimited"/> saying when to try
    /// again; a run of <see cref="ConnectionFailureBudget"/> connection failures with no answer between them closes it
    /// (a retry budget, as the AWS SDKs' standard mode keeps) instead of trying every file again and again; and a
    /// failure every upload would meet (<see cref="StopsTheBatch"/>: a rejected key, an address that is not the API)
    /// closes it. Once closed, no attempt starts and no retry waits: each ends with
    /// <see cref="ClosedBy"/>'s kind. Thread-safe; give one to <see cref="AlpharunClient.Gate"/> per batch.
    /// </summary>
    public sealed class UploadGate
    {
        /// <summary>Six connection failures in a row: more than one file's four attempts, fewer than two files'.</summary>
        public const int DefaultConnectionFailureBudget = 6;

        private readonly object _lock = new object();
        private readonly CancellationTokenSource _closed = new CancellationTokenSource();
        private readonly Func<DateTimeOffset> _now;
        private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
        private int _connectionFailures;
        private AlpharunApiException? _closedBy;

        /// <summary>Creates a gate; a Retry-After longer than <paramref name="maxPause"/> stops the batch.</summary>
        public UploadGate(TimeSpan maxPause, int connectionFailureBudget = DefaultConnectionFailureBudget)
            : this(maxPause, connectionFailureBudget, () => DateTimeOffset.Now)
        {
        }

        internal UploadGate(TimeSpan maxPause, int connectionFailureBudget, Func<DateTimeOffset> now)
        {
            if (maxPause < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxPause), maxPause, "maxPause cannot be negative.");
            if (connectionFailureBudget < 1) throw new ArgumentOutOfRangeException(nameof(connectionFailureBudget), connectionFailureBudget, "The budget is at least 1.");
            MaxPause = maxPause;
            ConnectionFailureBudget = connectionFailureBudget;
            _now = now;
        }

        /// <summary>The longest Retry-After the batch waits out; a longer one stops it.</summary>
        public TimeSpan MaxPause { get; }

        /// <summary>How many connection failures in a row (no answer from the API between them) stop the batch.</summary>
        public int ConnectionFailureBudget { get; }

        /// <summary>When the pause the API asked for ends; null when no pause is in force.</summary>
        public DateTimeOffset? PausedUntil
        {
            get
            {
                lock (_lock) return _pausedUntil > _now() ? _pausedUntil : (DateTimeOffset?)null;
            }
        }

        /// <summary>Why the gate closed (the batch must stop); null while it is open.</summary>
        public AlpharunApiException? ClosedBy
        {
            get
            {
                lock (_lock) return _closedBy;
            }
        }

        /// <summary>The upload whose failure closed the gate.</summary>
        public RecordingUploadRequest? ClosedFor { get; private set; }

        /// <summary>
        /// Waits at least <paramref name="minimum"/> and until any pause has passed; throws at once (with the kind of
        /// <see cref="ClosedBy"/>) when the gate is or becomes closed.
        /// </summary>
        public async Task WaitAsync(TimeSpan minimum, CancellationToken cancellationToken)
        {
            DateTimeOffset start = _now();
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    ThrowIfClosed();
                    DateTimeOffset until = _pausedUntil > start + minimum ? _pausedUntil : start + minimum;
                    wait = until - _now();
                }
                if (wait <= TimeSpan.Zero) return;
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
                try
                {
                    await Task.Delay(wait, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Closed while waiting: the next turn throws.
                }
            }
        }

        /// <summary>An answer came from the API (any status): the run of connection failures is broken.</summary>
        public void Answered()
        {
            lock (_lock) _connectionFailures = 0;
        }

        /// <summary>
        /// Takes in a failed attempt of <paramref name="request"/>: pauses the batch for a Retry-After, or closes the
        /// gate. Returns the exception that ends the upload without a retry when the gate is (now) closed, else null.
        /// </summary>
        public AlpharunApiException? Failed(AlpharunApiException failure, RecordingUploadRequest request)
        {
            if (failure is null) throw new ArgumentNullException(nameof(failure));
            lock (_lock)
            {
                if (_closedBy != null) return Stopped();
                if (failure.StatusCode.HasValue) _connectionFailures = 0;

                if (StopsTheBatch(failure.Kind)) return Close(failure, request);

                if ((failure.StatusCode == 429 || failure.StatusCode == 503) && failure.RetryAfter.HasValue)
                {
                    TimeSpan wait = failure.RetryAfter.Value < TimeSpan.Zero ? TimeSpan.Zero : failure.RetryAfter.Value;
                    DateTimeOffset until = _now() + wait;
                    if (wait > MaxPause) return Close(TooLongAWait(failure, request, wait, until), request);
                    if (until > _pausedUntil) _pausedUntil = until;
                }

                if (!failure.StatusCode.HasValue && (failure.Kind == ApiErrorKind.ConnectionFailed || failure.Kind == ApiErrorKind.Timeout)
                    && ++_connectionFailures >= ConnectionFailureBudget)
                {
                    return Close(new AlpharunApiException(failure.Kind,
                        $"{_connectionFailures} attempts in a row failed without an answer from the API, the last for '{request.FilePath}': {failure.Message}",
                        null, null, failure), request);
                }
                return null;
            }
        }

        /// <summary>
        /// True for failures every other upload of the batch would meet too, so the first one closes the gate: a rejected
        /// key, an address that is not the Alpharun API (404/405 on the upload path), a certificate or TLS handshake the
        /// server fails, and a proxy that wants credentials.
        /// </summary>
        public static bool StopsTheBatch(ApiErrorKind kind) =>
            kind == ApiErrorKind.ApiKeyRejected || kind == ApiErrorKind.NotAlpharunApi || kind == ApiErrorKind.CertificateRejected
            || kind == ApiErrorKind.TlsHandshakeFailed || kind == ApiErrorKind.ProxyAuthenticationRequired;

        /// <summary>Closes the gate for <paramref name="reason"/> (the first reason stays); attempts and waits end.</summary>
        public void Close(AlpharunApiException reason)
        {
            lock (_lock) Close(reason, null);
        }

        private AlpharunApiException Close(AlpharunApiException reason, RecordingUploadRequest? request)
        {
            if (_closedBy != null) return Stopped();
            _closedBy = reason;
            ClosedFor = request;
            _closed.Cancel();
            return reason;
        }

        private void ThrowIfClosed()
        {
            if (_closedBy != null) throw Stopped();
        }

        // For uploads other than the one that closed the gate: not sent (again), with the same kind.
        private AlpharunApiException Stopped() =>
            new AlpharunApiException(_closedBy!.Kind, "The batch stopped before this upload was sent again: " + _closedBy.Message, _closedBy.StatusCode, _closedBy.ApiMessage, _closedBy, _closedBy.RetryAfter, _closedBy.RequestId);

        private AlpharunApiException TooLongAWait(AlpharunApiException failure, RecordingUploadRequest request, TimeSpan wait, DateTimeOffset until)
        {
            string at = until.ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            return new AlpharunApiException(ApiErrorKind.RateLimited,
                $"The Alpharun API asked the batch to wait {Describe(wait)} (HTTP {failure.StatusCode} with Retry-After) at '{request.FilePath}', longer than the {Describe(MaxPause)} allowed (-MaxRateLimitWaitSec). Run it again after {at}.",
                failure.StatusCode, failure.ApiMessage, failure, wait);
        }

        private static string Describe(TimeSpan span) =>
            span.TotalSeconds < 120 ? $"{span.TotalSeconds:0} s"
            : span.TotalMinutes < 120 ? $"{span.TotalMinutes:0} min"
            : $"{span.TotalHours:0.#} h";
    }
}
