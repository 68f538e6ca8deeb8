using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun
{
    /// <summary>Maps the API's answer to an upload: 201 and 200 to a status and id, anything else to an <see cref="AlpharunApiException"/>.</summary>
    public static class UploadResponseReader
    {
        /// <summary>Error bodies are read up to this many bytes; the API's messages are short.</summary>
        public const int MaxErrorBodyBytes = 64 * 1024;

        /// <summary>
        /// Success bodies larger than this are refused: unread when Content-Length says so, else once the read passes
        /// the bound. The API's answer is a few hundred bytes, and a wrong -BaseUri (or a hostile server) could answer
        /// 2xx with any amount of data.
        /// </summary>
        public const int MaxSuccessBodyBytes = 1024 * 1024;

        /// <summary>The routing-rule settings page the seed names.</summary>
        public const string RoutingRulesUri = "https://app.alpharun.com/settings/playbooks";

        /// <summary>Reads <paramref name="response"/> to the upload's status and recording id, or throws.</summary>
        public static Task<(RecordingUploadStatus Status, Guid RecordingId)> ReadAsync(HttpResponseMessage response, RecordingUploadRequest request, CancellationToken cancellationToken) =>
            ReadAsync(response, request, null, cancellationToken);

        /// <summary>
        /// Reads <paramref name="response"/> to the upload's status and recording id, or throws. Server text put into
        /// a message is cleaned (<see cref="ServerText"/>), and any echo of <paramref name="key"/> in it masked.
        /// </summary>
        public static async Task<(RecordingUploadStatus Status, Guid RecordingId)> ReadAsync(HttpResponseMessage response, RecordingUploadRequest request, ApiKey? key, CancellationToken cancellationToken)
        {
            if (response is null) throw new ArgumentNullException(nameof(response));
            int code = (int)response.StatusCode;
            string? requestId = RequestIdOf(response, key);
            if (code == 201 || code == 200)
            {
                RecordingUploadStatus status = code == 201 ? RecordingUploadStatus.Created : RecordingUploadStatus.AlreadyExisted;
                return (status, await ReadRecordingIdAsync(response, request, code, key, requestId, cancellationToken).ConfigureAwait(false));
            }
            if (code > 201 && code < 300)
            {
                // The contract answers 201 or 200. Another success status (202...) is not taken as accepted: the file
                // is reported and not journaled, and sending it again is safe (the API answers 200 for one it has).
                string? named = null;
                try
                {
                    named = (await ReadRecordingIdAsync(response, request, code, key, requestId, cancellationToken).ConfigureAwait(false)).ToString("D");
                }
                catch (AlpharunApiException)
                {
                    // No id to name: the message says so.
                }
                throw new AlpharunApiException(ApiErrorKind.UnexpectedStatus,
                    $"The API answered HTTP {code} to the upload of '{request.FilePath}', not 201 or 200 as its contract says{(named is null ? string.Empty : $" (its body names recording {named})")}, so the upload is not counted as accepted. Send it again: a repeat upload is safe, and the API answers 200 for a recording it already has.{RequestIdSentence(requestId)}",
                    code, null, null, null, requestId);
            }

            string? apiMessage = ExtractMessage(await ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false));
            if (apiMessage != null && key != null) apiMessage = ServerText.MaskKey(apiMessage, key.Reveal());
            throw MapFailure(code, apiMessage, request, RetryAfterOf(response, DateTimeOffset.UtcNow), requestId, response.RequestMessage?.RequestUri);
        }

        /// <summary>
        /// Headers in which servers and the gateways before them name an answer, most specific first: what a support desk
        /// asks for. traceparent (W3C Trace Context) is last: it names the trace, which holds the request.
        /// </summary>
        public static readonly string[] RequestIdHeaders =
        {
            "X-Request-Id", "Request-Id", "X-Amzn-RequestId", "X-Amz-Request-Id", "X-Correlation-Id", "X-Ms-Request-Id",
            "X-Trace-Id", "X-Cloud-Trace-Context", "X-B3-TraceId", "CF-Ray", "traceparent",
        };

        /// <summary>The id the server gave <paramref name="response"/> (<see cref="RequestIdHeaders"/>), cleaned as server text; null when none.</summary>
        public static string? RequestIdOf(HttpResponseMessage response, ApiKey? key = null)
        {
            if (response is null) throw new ArgumentNullException(nameof(response));
            foreach (string name in RequestIdHeaders)
            {
                if (!response.Headers.TryGetValues(name, out var values)) continue;
                foreach (string value in values)
                {
                    string? clean = ServerText.Clean(value, key, 200);
                    if (clean != null) return clean;
                }
            }
            return null;
        }

        // The last sentence of a failure's message when the server named its answer.
        internal static string RequestIdSentence(string? requestId) => requestId is null ? string.Empty : $" Request id: {requestId}{(requestId.EndsWith(".", StringComparison.Ordinal) ? string.Empty : ".")}";

        /// <summary>The exception for a non-success status, with a message that says what to do.</summary>
        public static AlpharunApiException MapFailure(int code, string? apiMessage, RecordingUploadRequest request, TimeSpan? retryAfter = null) =>
            MapFailure(code, apiMessage, request, retryAfter, null, null);

        /// <summary>
        /// The exception for a non-success status, with a message that says what to do and ends with the answer's
        /// <paramref name="requestId"/>; <paramref name="uploadUri"/> is the address that answered.
        /// </summary>
        public static AlpharunApiException MapFailure(int code, string? apiMessage, RecordingUploadRequest request, TimeSpan? retryAfter, string? requestId, Uri? uploadUri)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            AlpharunApiException failure = MapStatus(code, apiMessage, request, retryAfter, uploadUri);
            if (requestId is null) return failure;
            return new AlpharunApiException(failure.Kind, failure.Message + RequestIdSentence(requestId), failure.StatusCode, failure.ApiMessage, failure.InnerException, failure.RetryAfter, requestId);
        }

        private static AlpharunApiException MapStatus(int code, string? apiMessage, RecordingUploadRequest request, TimeSpan? retryAfter, Uri? uploadUri)
        {
            string said = apiMessage is null ? string.Empty : $" The API said: {apiMessage}";
            string file = request.FilePath;
            switch (code)
            {
                case 403:
                    return ForbiddenAnswer.Map(apiMessage, file, said);
                case 401:
                    return new AlpharunApiException(ApiErrorKind.ApiKeyRejected,
                        $"The Alpharun API rejected the API key (HTTP {code}) while uploading '{file}'.{said} Check the key, then run Connect-Alpharun -ApiKey (Read-Host -AsSecureString) or set $env:ALPHARUN_API_KEY.",
                        code, apiMessage);
                case 404 when request.PlaybookId.HasValue && MentionsPlaybook(apiMessage):
                    // The API answering for one unknown playbook, not an address that is not the API.
                    return new AlpharunApiException(ApiErrorKind.RequestRejected,
                        $"The Alpharun API refused '{file}' (HTTP 404).{said} Check -PlaybookId.", code, apiMessage);
                case 404:
                case 405:
                    string where = uploadUri is null ? "the upload address" : $"POST {AddressText.Show(uploadUri)}";
                    return new AlpharunApiException(ApiErrorKind.NotAlpharunApi,
                        $"The address does not serve the Alpharun upload API: {where} answered HTTP {code} ({(code == 404 ? "not found" : "method not allowed")}) to '{file}'.{said} Check -BaseUri ($env:ALPHARUN_BASE_URI, or Connect-Alpharun -BaseUri): the API's address is {AlpharunConnection.DefaultBaseUri}, path included; every file sent there gets the same answer.",
                        code, apiMessage);
                case 407:
                    return new AlpharunApiException(ApiErrorKind.ProxyAuthenticationRequired,
                        $"A proxy on the way to the API asked for credentials (HTTP 407), so '{file}' did not reach the Alpharun API. Pass -ProxyUseDefaultCredentials or -ProxyCredential.", code, apiMessage);
                case 400:
                case 422:
                    if (!request.PlaybookId.HasValue && MentionsRouting(apiMessage))
                    {
                        return new AlpharunApiException(ApiErrorKind.NoPlaybookRouting,
                            $"No playbook was given for '{file}' and no routing rule matched teammate '{request.Teammate}' (HTTP {code}).{said} Pass -PlaybookId, or set routing rules at {RoutingRulesUri}.",
                            code, apiMessage);
                    }
                    return new AlpharunApiException(ApiErrorKind.RequestRejected,
                        $"The Alpharun API refused '{file}' (HTTP {code}).{(apiMessage is null ? " It gave no reason." : said)} Correct the request and send it again.",
                        code, apiMessage);
                case 413:
                    return new AlpharunApiException(ApiErrorKind.RequestRejected,
                        $"The Alpharun API refused '{file}' as too large (HTTP 413).{said} Send a smaller recording, or fewer contacts.", code, apiMessage);
                case 429:
                    return new AlpharunApiException(ApiErrorKind.RateLimited,
                        $"The Alpharun API is rate limiting uploads (HTTP 429); '{file}' was not accepted.{said} Send it again later.", code, apiMessage, null, retryAfter);
                default:
                    if (code >= 500)
                    {
                        return new AlpharunApiException(ApiErrorKind.ServerError,
                            $"The Alpharun API failed while uploading '{file}' (HTTP {code}).{said} Send it again later; a repeat upload is safe.", code, apiMessage, null, retryAfter);
                    }
                    if (code >= 300 && code < 400)
                    {
                        return new AlpharunApiException(ApiErrorKind.UnexpectedStatus,
                            $"The API redirected the upload of '{file}' (HTTP {code}); uploads are not sent on to another address. Set -BaseUri to the API's final address.", code, apiMessage);
                    }
                    if (code == 408)
                    {
                        return new AlpharunApiException(ApiErrorKind.Timeout,
                            $"The API timed out receiving '{file}' (HTTP 408).{said} Send it again; a repeat upload is safe.", code, apiMessage, null, retryAfter);
                    }
                    return new AlpharunApiException(ApiErrorKind.UnexpectedStatus,
                        $"The API answered HTTP {code} to the upload of '{file}'.{said} Check -BaseUri (e.g. {AlpharunConnection.DefaultBaseUri}).", code, apiMessage);
            }
        }

        /// <summary>The API's message in an error body: <c>message</c>, <c>error</c>, <c>error.message</c>, <c>errors[]</c> or <c>detail</c>; else short plain text.</summary>
        public static string? ExtractMessage(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            string text = body!.Trim();
            if (text.StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    using JsonDocument doc = JsonDocument.Parse(text);
                    string? found = FindMessage(doc.RootElement);
                    if (found != null) return ServerText.Clean(found);
                }
                catch (JsonException)
                {
                    // Not JSON after all: fall through to plain text.
                }
            }
            return text.StartsWith("<", StringComparison.Ordinal) ? null : ServerText.Clean(text);
        }

        private static string? FindMessage(JsonElement root)
        {
            foreach (string name in new[] { "message", "error", "detail", "title", "errors" })
            {
                if (!root.TryGetProperty(name, out JsonElement value)) continue;
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        return value.GetString();
                    case JsonValueKind.Object:
                        string? inner = FindMessage(value);
                        if (inner != null) return inner;
                        break;
                    case JsonValueKind.Array:
                        var parts = new StringBuilder();
                        foreach (JsonElement item in value.EnumerateArray())
                        {
                            string? part = item.ValueKind == JsonValueKind.String ? item.GetString() : item.ValueKind == JsonValueKind.Object ? FindMessage(item) : null;
                            if (part is null) continue;
                            if (parts.Length > 0) parts.Append("; ");
                            parts.Append(part);
                        }
                        if (parts.Length > 0) return parts.ToString();
                        break;
                }
            }
            return null;
        }

        /// <summary>The Retry-After of <paramref name="response"/> as a wait from <paramref name="now"/>: delta-seconds or an HTTP date.</summary>
        public static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now)
        {
            var header = response.Headers.RetryAfter;
            if (header is null) return null;
            if (header.Delta.HasValue) return header.Delta.Value;
            if (header.Date.HasValue) return header.Date.Value > now ? header.Date.Value - now : TimeSpan.Zero;
            return null;
        }

        private static bool MentionsPlaybook(string? message) =>
            message != null && message.IndexOf("playbook", StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool MentionsRouting(string? message) =>
            message != null && (message.IndexOf("routing", StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("playbook", StringComparison.OrdinalIgnoreCase) >= 0);

        private static async Task<Guid> ReadRecordingIdAsync(HttpResponseMessage response, RecordingUploadRequest request, int code, ApiKey? key, string? requestId, CancellationToken cancellationToken)
        {
            // A declared length over the bound is refused before a byte is read; without one, the read stops at the bound.
            long? declared = response.Content.Headers.ContentLength;
            bool tooLarge = declared > MaxSuccessBodyBytes;
            MemoryStream bytes = new MemoryStream();
            if (!tooLarge) (bytes, tooLarge) = await ReadUpToAsync(response, MaxSuccessBodyBytes, cancellationToken).ConfigureAwait(false);
            if (tooLarge)
            {
                throw UnusableSuccess(request, code, $"with a body larger than {MaxSuccessBodyBytes / (1024 * 1024)} MiB instead of the expected JSON", null, requestId);
            }
            UploadResponseBody? body;
            try
            {
                body = JsonSerializer.Deserialize<UploadResponseBody>(bytes);
            }
            catch (Exception e) when (e is JsonException || e is NotSupportedException)
            {
                // The parser's message quotes the body's property names ("Path: $.data.<name>"): the key is masked in it,
                // and the parser's exception is kept only when it quotes none of the key.
                string reason = ServerText.Clean(e.Message, key) ?? e.GetType().Name;
                Exception? inner = key != null && ServerText.Reveals(e.Message, key) ? null : e;
                throw UnusableSuccess(request, code, $"but its body is not the expected JSON ({reason})", inner, requestId);
            }
            string? id = body?.Data?.Recording?.Id;
            if (id is null)
            {
                throw UnusableSuccess(request, code, "without a recording id (data.recording.id)", null, requestId);
            }
            if (!Guid.TryParse(id, out Guid recordingId))
            {
                throw UnusableSuccess(request, code, $"with a recording id that is not a uuid ('{ServerText.Clean(id, key, 100)}')", null, requestId);
            }
            if (recordingId == Guid.Empty)
            {
                throw UnusableSuccess(request, code, "with the nil uuid (all zeros) as its recording id, which no recording has", null, requestId);
            }
            return recordingId;
        }

        /// <summary>
        /// A success status whose answer cannot be used: the API said it has the recording (201 created it, 200 had it),
        /// so the message says so, and that sending it again is safe and gives its id.
        /// </summary>
        internal static AlpharunApiException UnusableSuccess(RecordingUploadRequest request, int code, string what, Exception? inner, string? requestId, ApiErrorKind kind = ApiErrorKind.InvalidResponse) =>
            new AlpharunApiException(kind,
                $"The API answered HTTP {code} ({(code == 201 ? "created" : code == 200 ? "already exists" : "success")}) to the upload of '{request.FilePath}' {what}. {ProbablyHeld}{RequestIdSentence(requestId)}",
                code, null, inner, null, requestId);

        /// <summary>What an unusable success answer means for the user.</summary>
        internal const string ProbablyHeld =
            "It answered success, so it probably holds the recording: send the file again to get its id; a rerun is safe, as the API answers 200 (AlreadyExisted) with the id of a recording it already has. If the same happens again, check that -BaseUri is the Alpharun API.";

        // At most limit bytes; true when the body holds more. The rest stays unread, so the connection is dropped, not drained.
        private static async Task<(MemoryStream Body, bool TooLarge)> ReadUpToAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
        {
            var body = new MemoryStream();
            using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            byte[] chunk = new byte[8192];
            while (true)
            {
                int want = (int)Math.Min(chunk.Length, limit + 1L - body.Length);
                if (want <= 0) return (body, true);
                int read = await stream.ReadAsync(chunk, 0, want, cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                body.Write(chunk, 0, read);
            }
            body.Position = 0;
            return (body, false);
        }

        // An error body is read up to its bound and the rest ignored: its message is short.
        private static async Task<string?> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            (MemoryStream body, _) = await ReadUpToAsync(response, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            int length = (int)Math.Min(body.Length, MaxErrorBodyBytes);
            return length == 0 ? null : Encoding.UTF8.GetString(body.GetBuffer(), 0, length);
        }

        private sealed class UploadResponseBody
        {
            [JsonPropertyName("data")] public DataBody? Data { get; set; }
        }

        private sealed class DataBody
        {
            [JsonPropertyName("recording")] public RecordingBody? Recording { get; set; }
        }

        private sealed class RecordingBody
        {
            [JsonPropertyName("id")] public string? Id { get; set; }
        }
    }
}
