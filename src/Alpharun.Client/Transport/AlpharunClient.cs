using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun
{
    /// <summary>Uploads recordings to the Alpharun API. Thread-safe; one instance can serve many uploads at once.</summary>
    public sealed class AlpharunClient : IDisposable
    {
        /// <summary>
        /// Bodies of this many bytes or more are sent with <c>Expect: 100-continue</c> (curl's threshold): a server that
        /// refuses the request on its head (401, 413) answers before the body is sent, and that answer is reported.
        /// .NET waits at most 1 s (Windows PowerShell: 350 ms) for the server's go-ahead, then sends the body anyway.
        /// </summary>
        public const long ExpectContinueThreshold = 1024 * 1024;

        /// <summary>
        /// The most time between two progress reports to an <see cref="IUploadObserver"/> (and two restarts of the
        /// attempt's timeout) while the body flows; a tenth of <see cref="Timeout"/> when that is shorter. The first and
        /// the last byte are always reported.
        /// </summary>
        public static readonly TimeSpan ReportInterval = TimeSpan.FromMilliseconds(50);

        // Connections are pooled process-wide, one pool per route: through the environment's proxy, or straight to a
        // loopback address (the key sent there in clear must not pass through a proxy).
        private static readonly Lazy<HttpClient> SharedHttpClient = new Lazy<HttpClient>(() => CreateHttpClient(AlpharunHandler.Create(TransportPlatform.Current, useProxy: true, null)));
        private static readonly Lazy<HttpClient> SharedDirectClient = new Lazy<HttpClient>(() => CreateHttpClient(AlpharunHandler.Create(TransportPlatform.Current, useProxy: false, null)));

        private readonly AlpharunConnection _connection;
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly string _userAgent;
        private readonly TransportFailures _failures;

        /// <summary>
        /// Creates a client. With no <paramref name="handler"/>, a process-wide connection pool is shared, so many
        /// clients reuse connections; redirects are never followed, so the key never travels to another host. A
        /// loopback base address is always reached directly; otherwise the connection's proxy is used, or the
        /// environment's when it names none.
        /// </summary>
        public AlpharunClient(AlpharunConnection connection, string? userAgentComment = null, HttpMessageHandler? handler = null)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            bool viaProxy = !connection.BaseUri.IsLoopback;
            if (handler is null)
            {
                AlpharunHandler.TuneServicePoint(TransportPlatform.Current, connection.UploadUri, viaProxy, connection.Proxy);
                if (viaProxy && connection.Proxy != null) handler = AlpharunHandler.Create(TransportPlatform.Current, useProxy: true, connection.Proxy);
            }
            _ownsHttp = handler != null;
            _http = handler != null ? CreateHttpClient(handler)
                : connection.BaseUri.IsLoopback ? SharedDirectClient.Value
                : SharedHttpClient.Value;
            _userAgent = BuildUserAgent(userAgentComment);
            _failures = new TransportFailures(connection, viaProxy);
        }

        /// <summary>The connection used.</summary>
        public AlpharunConnection Connection => _connection;

        /// <summary>The User-Agent sent with every request.</summary>
        public string UserAgent => _userAgent;

        /// <summary>How failed attempts are retried; <see cref="RetryPolicy.Default"/> unless set.</summary>
        public RetryPolicy RetryPolicy { get; set; } = RetryPolicy.Default;

        /// <summary>
        /// How long one attempt may go without progress — no body bytes accepted by the server, or no answer after the
        /// body — before it is cancelled and counted as a transient timeout. Infinite disables it.
        /// </summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>
        /// Shared by the uploads of a batch: pauses them all for a Retry-After and stops them all on a rejected key, a
        /// too-long Retry-After or a run of connection failures (see <see cref="UploadGate"/>). Null: each upload alone.
        /// </summary>
        public UploadGate? Gate { get; set; }

        /// <summary>
        /// Checks <paramref name="request"/> (throwing <see cref="AlpharunValidationException"/> before anything is
        /// sent), streams it to the API and maps the answer, retrying transient failures per <see cref="RetryPolicy"/>.
        /// Each attempt builds a new request and reopens the file. Failures throw <see cref="AlpharunApiException"/>.
        /// </summary>
        public Task<RecordingUpload> UploadRecordingAsync(RecordingUploadRequest request, IUploadObserver? observer = null, CancellationToken cancellationToken = default)
        {
            RecordingUploadValidator.EnsureValid(request);
            return SendValidatedAsync(request, observer, cancellationToken);
        }

        // For the cmdlets, which validate on the pipeline thread just before (to write errors in order) and
        // should not pay for a second pass over the file and the rules.
        internal async Task<RecordingUpload> SendValidatedAsync(RecordingUploadRequest request, IUploadObserver? observer, CancellationToken cancellationToken)
        {
            RetryPolicy policy = RetryPolicy;
            UploadGate? gate = Gate;
            var stopwatch = Stopwatch.StartNew();
            int attempts = 0;
            try
            {
                if (gate != null) await gate.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                for (int attempt = 1; ; attempt++)
                {
                    AlpharunApiException failure;
                    attempts = attempt;
                    try
                    {
                        RecordingUpload upload = await SendOnceAsync(request, attempt, stopwatch, observer, cancellationToken).ConfigureAwait(false);
                        gate?.Answered();
                        return upload;
                    }
                    catch (AlpharunApiException e)
                    {
                        // Masked before anything else sees it: the gate keeps it, and a closed gate quotes it to every upload.
                        failure = KeyMasking.Mask(e, _connection.ApiKey);
                        failure.Attempts = attempt;
                    }
                    AlpharunApiException? stop = gate?.Failed(failure, request);
                    if (stop != null) throw stop;
                    if (attempt > policy.MaxRetries || !RetryPolicy.IsTransient(failure)) throw failure;
                    TimeSpan delay = policy.GetDelay(attempt, failure.RetryAfter);
                    observer?.Retrying(new UploadRetry(request, attempt, policy.MaxRetries, failure, delay));
                    if (gate != null) await gate.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
                    else await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (AlpharunApiException e) when (e.Attempts == 0)
            {
                // Stopped by the batch's gate before or between attempts: how many this upload made.
                e.Attempts = attempts;
                throw;
            }
        }

        private async Task<RecordingUpload> SendOnceAsync(RecordingUploadRequest request, int attempt, Stopwatch stopwatch, IUploadObserver? observer, CancellationToken cancellationToken)
        {
            using var watchdog = new AttemptWatchdog(Timeout, cancellationToken);
            var progress = new AttemptProgress(request, watchdog, observer, Timeout);
            using var content = CreateContent(request, progress, watchdog.Token);
            progress.Total = content.AudioLength;
            content.BodyHandedOver = progress.BodyHandedOver;
            using var message = new HttpRequestMessage(HttpMethod.Post, _connection.UploadUri) { Content = content };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.ApiKey.Reveal());
            message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            // Said either way: left unset, .NET Framework keeps its ServicePoint's default (on) and waits up to 350 ms
            // for a "100 Continue" before every small body.
            message.Headers.ExpectContinue = content.Headers.ContentLength >= ExpectContinueThreshold;

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, watchdog.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (FindFileChange(e) is RecordingFileChangedException changed)
            {
                throw FileChanged(changed.Message);
            }
            catch (OperationCanceledException e)
            {
                throw NoAnswer(request, progress, e);
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException)
            {
                throw _failures.BeforeAnswer(e, message, request);
            }

            using (response)
            {
                watchdog.Kick();
                int code = (int)response.StatusCode;
                if (code == 407) throw _failures.ProxyRefused(request, _connection.UploadUri, null, UploadResponseReader.RequestIdOf(response, _connection.ApiKey));
                (RecordingUploadStatus status, Guid id) = await ReadAnswerAsync(response, request, watchdog, cancellationToken).ConfigureAwait(false);
                return new RecordingUpload(request, content.AudioLength, status, id, code, stopwatch.Elapsed, attempt);
            }
        }

        /// <summary>
        /// Reads the answer's body to the upload's status and id. On .NET Framework the response stream's reads check the
        /// token only before they start, so a body that stalls after the headers would hold the attempt past the timeout
        /// and past Ctrl+C: when either fires, the response is disposed, which aborts the read on every runtime.
        /// </summary>
        private async Task<(RecordingUploadStatus, Guid)> ReadAnswerAsync(HttpResponseMessage response, RecordingUploadRequest request, AttemptWatchdog watchdog, CancellationToken cancellationToken)
        {
            int code = (int)response.StatusCode;
            string? requestId = UploadResponseReader.RequestIdOf(response, _connection.ApiKey);
            try
            {
                // Disposed off the thread that cancels: on .NET Framework closing a response stream drains it for up to 500 ms.
                using (watchdog.Token.Register(state => ThreadPool.QueueUserWorkItem(r => ((HttpResponseMessage)r!).Dispose(), state), response))
                {
                    return await UploadResponseReader.ReadAsync(response, request, _connection.ApiKey, watchdog.Token).ConfigureAwait(false);
                }
            }
            catch (AlpharunApiException)
            {
                throw;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException || e is IOException || e is HttpRequestException || e is ObjectDisposedException)
            {
                bool stalled = watchdog.Fired(cancellationToken);
                if (code == 201 || code == 200)
                {
                    string what = stalled
                        ? $"but its body then stalled: nothing more came for {Seconds(Timeout)} s, and the read was given up"
                        : $"but its body was cut short ({_failures.Describe(e).TrimEnd('.')})";
                    // A stall is a timeout, a cut a failed connection: both retried, and a retry gets the id (200).
                    throw UploadResponseReader.UnusableSuccess(request, code, what, e, requestId, stalled ? ApiErrorKind.Timeout : ApiErrorKind.ConnectionFailed);
                }
                // An error status whose body did not come whole: the status says enough.
                throw UploadResponseReader.MapFailure(code, null, request, UploadResponseReader.RetryAfterOf(response, DateTimeOffset.UtcNow), requestId, response.RequestMessage?.RequestUri);
            }
        }

        // No answer came: before the last byte of the body went, nothing moved for the timeout; after it, no answer came
        // in the timeout plus the time the buffered bytes needed, so the API may have the whole recording.
        private AlpharunApiException NoAnswer(RecordingUploadRequest request, AttemptProgress progress, OperationCanceledException e)
        {
            if (progress.HandedOverAt is null)
            {
                return new AlpharunApiException(ApiErrorKind.Timeout,
                    $"The upload of '{request.FilePath}' to {_connection.BaseUri} made no progress for {Seconds(Timeout)} s and was cancelled. Send it again (a repeat upload is safe), or raise -TimeoutSec.", null, null, e);
            }
            string allowed = progress.Allowance > TimeSpan.Zero
                ? $" ({Seconds(Timeout)} s, plus {Seconds(progress.Allowance)} s for the bytes the network still held at the {Rate(progress.Rate)} the link took them)"
                : string.Empty;
            return new AlpharunApiException(ApiErrorKind.Timeout,
                $"All of '{request.FilePath}' was sent to {_connection.BaseUri}, but no answer came within {Seconds(Timeout + progress.Allowance)} s after its last byte{allowed}. The API may hold the recording: send it again, which is safe (the API answers 200, AlreadyExisted, for a recording it has); on a slow link, raise -TimeoutSec.",
                null, null, e);
        }

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

        private static string Rate(double? bytesPerSecond) =>
            bytesPerSecond is double rate
                ? rate >= 1024 * 1024 ? (rate / (1024 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MiB/s"
                : (rate / 1024).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " KiB/s"
                : "unknown rate";

        // The file was checked before the first attempt, but it can vanish before a retry: that is the file changing
        // under the upload (FileChanged), not an unexpected failure of the client.
        private static RecordingMultipartContent CreateContent(RecordingUploadRequest request, IProgress<long> progress, CancellationToken cancellationToken)
        {
            try
            {
                return new RecordingMultipartContent(request, progress, cancellationToken);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw FileChanged($"The file '{request.FilePath}' could not be read to be sent: {e.Message} It was moved, deleted or changed after it was checked; upload it again once it is in place.");
            }
        }

        private static AlpharunValidationException FileChanged(string message) =>
            new AlpharunValidationException(new[] { new ValidationFailure(ValidationErrorKind.FileChanged, "audio", message) });

        private static RecordingFileChangedException? FindFileChange(Exception e)
        {
            for (Exception? current = e; current != null; current = current.InnerException)
            {
                if (current is RecordingFileChangedException changed) return changed;
            }
            return null;
        }

        /// <summary>
        /// Relays body progress to the observer and keeps the watchdog from firing while bytes flow, at most once per
        /// <see cref="ReportInterval"/> (a tenth of a shorter timeout) and always for the first and the last byte. The
        /// body reports every 80 KiB chunk, about 13,000 times per GiB; progress bars are drawn every 250 ms and the
        /// watchdog's timeout is 1 s or more in the cmdlets, so a timer reset and an observer call per chunk bought nothing.
        /// </summary>
        private sealed class AttemptProgress : IProgress<long>
        {
            private readonly RecordingUploadRequest _request;
            private readonly AttemptWatchdog _watchdog;
            private readonly IUploadObserver? _observer;
            private readonly long _intervalTicks;
            private readonly SendPace _pace = new SendPace();
            private long _lastTicks;
            private bool _reported;

            public AttemptProgress(RecordingUploadRequest request, AttemptWatchdog watchdog, IUploadObserver? observer, TimeSpan timeout)
            {
                _request = request;
                _watchdog = watchdog;
                _observer = observer;
                TimeSpan interval = timeout > TimeSpan.Zero && timeout.Ticks / 10 < ReportInterval.Ticks ? TimeSpan.FromTicks(timeout.Ticks / 10) : ReportInterval;
                _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
            }

            public long Total { get; set; }

            /// <summary>When the body's last byte was handed to the stream; null while it is being sent.</summary>
            public DateTimeOffset? HandedOverAt { get; private set; }

            /// <summary>How long past the timeout the answer is awaited, for the bytes still on the way (<see cref="SendPace"/>).</summary>
            public TimeSpan Allowance { get; private set; }

            /// <summary>The link's rate the body showed, in bytes a second; null when it showed none.</summary>
            public double? Rate { get; private set; }

            public void Report(long value)
            {
                long now = Stopwatch.GetTimestamp();
                _pace.Record(now, value);
                if (_reported && value < Total && now - _lastTicks < _intervalTicks) return;
                _reported = true;
                _lastTicks = now;
                _watchdog.Kick();
                _observer?.BytesSent(_request, value, Total);
            }

            /// <summary>The last byte is with the operating system: the wait for the answer allows for what it still holds.</summary>
            public void BodyHandedOver()
            {
                long now = Stopwatch.GetTimestamp();
                Rate = _pace.BytesPerSecond(now);
                Allowance = _pace.Allowance(now);
                HandedOverAt = DateTimeOffset.UtcNow;
                _watchdog.Extend(Allowance);
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (_ownsHttp) _http.Dispose();
        }

        private static HttpClient CreateHttpClient(HttpMessageHandler handler)
        {
            // Per-request cancellation bounds each call; HttpClient's own 100 s limit would cut off large uploads.
            return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        private static string BuildUserAgent(string? comment)
        {
            string version = typeof(AlpharunClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            int plus = version.IndexOf('+');
            if (plus >= 0) version = version.Substring(0, plus);
            string platform = System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim();
            string framework = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.Trim();
            return $"Alpharun.Client/{version} ({(comment is null ? string.Empty : comment + "; ")}{framework}; {platform})";
        }
    }
}
