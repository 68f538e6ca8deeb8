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
        private static readonly Lazy<HttpClient> SharedHttpClient = new Lazy<HttpClient>(() => CreateHttpClient(null));

        private readonly AlpharunConnection _connection;
        private readonly HttpClient _http;
        private readonly bool _ownsHttp;
        private readonly string _userAgent;

        /// <summary>
        /// Creates a client. With no <paramref name="handler"/>, a process-wide connection pool is shared, so many
        /// clients reuse connections; redirects are never followed, so the key never travels to another host.
        /// </summary>
        public AlpharunClient(AlpharunConnection connection, string? userAgentComment = null, HttpMessageHandler? handler = null)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _ownsHttp = handler != null;
            _http = handler != null ? CreateHttpClient(handler) : SharedHttpClient.Value;
            _userAgent = BuildUserAgent(userAgentComment);
        }

        /// <summary>The connection used.</summary>
        public AlpharunConnection Connection => _connection;

        /// <summary>The User-Agent sent with every request.</summary>
        public string UserAgent => _userAgent;

        /// <summary>
        /// Checks <paramref name="request"/> (throwing <see cref="AlpharunValidationException"/> before anything is
        /// sent), streams it to the API and maps the answer; failures throw <see cref="AlpharunApiException"/>.
        /// </summary>
        public async Task<RecordingUpload> UploadRecordingAsync(RecordingUploadRequest request, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
        {
            RecordingUploadValidator.EnsureValid(request);
            var stopwatch = Stopwatch.StartNew();
            using var content = new RecordingMultipartContent(request, progress, cancellationToken);
            using var message = new HttpRequestMessage(HttpMethod.Post, _connection.UploadUri) { Content = content };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.ApiKey.Reveal());
            message.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException || e is OperationCanceledException)
            {
                throw TransportFailure(e, request);
            }

            using (response)
            {
                (RecordingUploadStatus status, Guid id) = await UploadResponseReader.ReadAsync(response, request, cancellationToken).ConfigureAwait(false);
                return new RecordingUpload(request, content.AudioLength, status, id, (int)response.StatusCode, stopwatch.Elapsed);
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
                    $"No answer came from {_connection.BaseUri} in time for '{request.FilePath}'. Send it again; a repeat upload is safe.", null, null, e);
            }
            string reason = e.Message;
            for (Exception? inner = e.InnerException; inner != null; inner = inner.InnerException) reason += " " + inner.Message;
            return new AlpharunApiException(ApiErrorKind.ConnectionFailed,
                $"The upload of '{request.FilePath}' to {_connection.BaseUri} failed: {reason} Check the address and the network, then send it again; a repeat upload is safe.", null, null, e);
        }

        private static HttpClient CreateHttpClient(HttpMessageHandler? handler)
        {
            handler ??= new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
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
