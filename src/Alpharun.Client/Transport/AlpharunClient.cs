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
        private static readonly Lazy<HttpClient> SharedHttpClient = new Lazy<HttpClient>(() => CreateHttpClient(CreateHandler(useProxy: true, null)));
        private static readonly Lazy<HttpClient> SharedDirectClient = new Lazy<HttpClient>(() => CreateHttpClient(CreateHandler(useProxy: false, null)));

        private readonly AlpharunConnection _connection;
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly string _userAgent;

        /// <summary>
        /// Creates a client. With no <paramref name="handler"/>, a process-wide connection pool is shared, so many
        /// clients reuse connections; redirects are never followed, so the key never travels to another host. A
        /// loopback base address is always reached directly; otherwise the connection's proxy is used, or the
        /// environment's when it names none.
        /// </summary>
        public AlpharunClient(AlpharunConnection connection, string? userAgentComment = null, HttpMessageHandler? handler = null)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            if (handler is null && !connection.BaseUri.IsLoopback && connection.Proxy != null)
            {
                handler = CreateHandler(useProxy: true, connection.Proxy);
            }
            _ownsHttp = handler != null;
            _http = handler != null ? CreateHttpClient(handler)
                : connection.BaseUri.IsLoopback ? SharedDirectClient.Value
                : SharedHttpClient.Value;
            _userAgent = BuildUserAgent(userAgentComment);
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
            if (gate != null) await gate.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            for (int attempt = 1; ; attempt++)
            {
                AlpharunApiException failure;
                try
                {
                    RecordingUpload upload = await SendOnceAsync(request, attempt, stopwatch, observer, cancellationToken).ConfigureAwait(false);
                    gate?.Answered();
                    return upload;
                }
                catch (AlpharunApiException e)
                {
                    failure = e;
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

        private async Task<RecordingUpload> SendOnceAsync(RecordingUploadRequest request, int attempt, Stopwatch stopwatch, IUploadObserver? observer, CancellationToken cancellationToken)
        {
            using var watchdog = new AttemptWatchdog(Timeout, cancellationToken);
            var progress = new AttemptProgress(request, watchdog, observer, Timeout);
            using var content = CreateContent(request, progress, watchdog.Token);
            progress.Total = content.AudioLength;
            using var message = new HttpRequestMessage(HttpMethod.Post, _connection.UploadUri) { Content = content };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.ApiKey.Reveal());
            message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (content.Headers.ContentLength >= ExpectContinueThreshold) message.Headers.ExpectContinue = true;

            try
            {
                using HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, watchdog.Token).ConfigureAwait(false);
                watchdog.Kick();
                (RecordingUploadStatus status, Guid id) = await UploadResponseReader.ReadAsync(response, request, _connection.ApiKey, watchdog.Token).ConfigureAwait(false);
                return new RecordingUpload(request, content.AudioLength, status, id, (int)response.StatusCode, stopwatch.Elapsed, attempt);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (FindFileChange(e) is RecordingFileChangedException changed)
            {
                throw FileChanged(changed.Message);
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException || e is OperationCanceledException || e is System.Text.Json.JsonException)
            {
                throw TransportFailure(e, request);
            }
        }

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

            public void Report(long value)
            {
                long now = Stopwatch.GetTimestamp();
                if (_reported && value < Total && now - _lastTicks < _intervalTicks) return;
                _reported = true;
                _lastTicks = now;
                _watchdog.Kick();
                _observer?.BytesSent(_request, value, Total);
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (_ownsHttp) _http.Dispose();
        }

        private AlpharunApiException TransportFailure(Exception e, RecordingUploadRequest request)
        {
            if (e is OperationCanceledException)
            {
                return new AlpharunApiException(ApiErrorKind.Timeout,
                    $"The upload of '{request.FilePath}' to {_connection.BaseUri} made no progress for {Timeout.TotalSeconds:0.#} s and was cancelled. Send it again (a repeat upload is safe), or raise -TimeoutSec.", null, null, e);
            }
            string raw = e.Message;
            for (Exception? inner = e.InnerException; inner != null; inner = inner.InnerException) raw += " " + inner.Message;
            // .NET quotes what the server sent in some messages ("invalid status line: '...'"): cleaned like any server
            // text, and when that masked a piece of the key, the raw exception is not kept either.
            string reason = ServerText.Clean(raw, _connection.ApiKey, 1000) ?? string.Empty;
            Exception? keep = ServerText.Clean(raw, null, 1000) == reason ? e : null;
            string host = _connection.BaseUri.Host;
            if (FindCertificateFailure(e) is Exception certificate)
            {
                string problem = ServerText.Clean(certificate.Message, _connection.ApiKey) ?? "the certificate is not valid";
                return new AlpharunApiException(ApiErrorKind.CertificateRejected,
                    $"The certificate of {host} was rejected, so '{request.FilePath}' was not sent: {problem} Check -BaseUri; if a proxy or security product on this network inspects TLS, its root certificate must be trusted on this machine. Nothing was sent, and it is not retried.",
                    null, null, keep);
            }
            return new AlpharunApiException(ApiErrorKind.ConnectionFailed,
                $"The upload of '{request.FilePath}' to {_connection.BaseUri} failed: {reason} Check the address and the network, then send it again; a repeat upload is safe.", null, null, keep);
        }

        // .NET: HttpRequestException over AuthenticationException ("The remote certificate is invalid ...").
        // .NET Framework: HttpRequestException over WebException (TrustFailure) over AuthenticationException.
        private static Exception? FindCertificateFailure(Exception e)
        {
            for (Exception? current = e; current != null; current = current.InnerException)
            {
                if (current is System.Security.Authentication.AuthenticationException) return current;
                if (current is System.Net.WebException web && web.Status == System.Net.WebExceptionStatus.TrustFailure) return current;
            }
            return null;
        }

        private static HttpMessageHandler CreateHandler(bool useProxy, AlpharunProxy? proxy)
        {
            // .NET Framework allows 2 connections per host by default, which would cap -ThrottleLimit on Windows PowerShell.
            var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 64, UseProxy = useProxy };
            // The proxy's own credential answers only its 407; the API is never sent it.
            if (proxy != null) handler.Proxy = proxy.ToWebProxy();
            return handler;
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
