using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests
{
    public class UploadResponseReaderTests
    {
        private static readonly Guid Id = Guid.Parse("0b8c4f5e-1111-4a2b-9c3d-444455556666");

        private static RecordingUploadRequest Request(Guid? playbook = null) =>
            new RecordingUploadRequest("/x/call.wav", "ana@acme.com", DateTimeOffset.Now, new[] { new Contact(email: "b@c.io") }, playbook);

        private static HttpResponseMessage Answer(int status, string body, string mediaType = "application/json") =>
            new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

        private static Task<(RecordingUploadStatus, Guid)> Read(HttpResponseMessage response, Guid? playbook = null) =>
            UploadResponseReader.ReadAsync(response, Request(playbook), CancellationToken.None);

        [Fact]
        public async Task Status201IsCreatedWithTheId() =>
            Assert.Equal((RecordingUploadStatus.Created, Id), await Read(Answer(201, $"{{\"data\":{{\"recording\":{{\"id\":\"{Id}\"}}}}}}")));

        [Fact]
        public async Task Status200IsAlreadyExistedWithTheId() =>
            Assert.Equal((RecordingUploadStatus.AlreadyExisted, Id), await Read(Answer(200, $"{{\"data\":{{\"recording\":{{\"id\":\"{Id}\"}}}}}}")));

        [Theory]
        [InlineData("{}")]
        [InlineData("{\"data\":{\"recording\":{\"id\":\"not-a-uuid\"}}}")]
        [InlineData("<html>ok</html>")]
        [InlineData("")]
        public async Task SuccessWithoutARecordingIdIsInvalidResponse(string body)
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(201, body)));
            Assert.Equal(ApiErrorKind.InvalidResponse, e.Kind);
        }

        [Theory]
        [InlineData(401)]
        [InlineData(403)]
        public async Task RejectedKeySaysHowToConnect(int status)
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(status, "{\"message\":\"Invalid token\"}")));
            Assert.Equal(ApiErrorKind.ApiKeyRejected, e.Kind);
            Assert.Contains("Connect-Alpharun", e.Message);
            Assert.Equal("Invalid token", e.ApiMessage);
        }

        [Theory]
        [InlineData("{\"message\":\"teammate_email is unknown\"}", "teammate_email is unknown")]
        [InlineData("{\"error\":{\"message\":\"contacts is invalid\"}}", "contacts is invalid")]
        [InlineData("{\"errors\":[{\"message\":\"a\"},\"b\"]}", "a; b")]
        [InlineData("plain words", "plain words")]
        public async Task RefusalCarriesTheApisMessage(string body, string expected)
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(422, body)));
            Assert.Equal(ApiErrorKind.RequestRejected, e.Kind);
            Assert.Equal(expected, e.ApiMessage);
            Assert.Contains(expected, e.Message);
        }

        [Fact]
        public async Task NoRoutingRuleSaysToPassPlaybookId()
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(422, "{\"message\":\"No matching routing rule found\"}")));
            Assert.Equal(ApiErrorKind.NoPlaybookRouting, e.Kind);
            Assert.Contains("-PlaybookId", e.Message);
            Assert.Contains(UploadResponseReader.RoutingRulesUri, e.Message);
        }

        [Fact]
        public async Task RoutingWordsWithAPlaybookGivenAreAPlainRefusal()
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(422, "{\"message\":\"playbook not found\"}"), Guid.NewGuid()));
            Assert.Equal(ApiErrorKind.RequestRejected, e.Kind);
        }

        [Theory]
        [InlineData(429, ApiErrorKind.RateLimited)]
        [InlineData(500, ApiErrorKind.ServerError)]
        [InlineData(503, ApiErrorKind.ServerError)]
        [InlineData(404, ApiErrorKind.NotAlpharunApi)]
        [InlineData(405, ApiErrorKind.NotAlpharunApi)]
        [InlineData(407, ApiErrorKind.ProxyAuthenticationRequired)]
        [InlineData(410, ApiErrorKind.UnexpectedStatus)]
        [InlineData(302, ApiErrorKind.UnexpectedStatus)]
        public async Task OtherStatusesMapToTheirKind(int status, ApiErrorKind kind)
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(status, "")));
            Assert.Equal(kind, e.Kind);
            Assert.Equal(status, e.StatusCode);
        }
    

        private const string ProbablyHeld = " It answered success, so it probably holds the recording: send the file again to get its id; a rerun is safe, as the API answers 200 (AlreadyExisted) with the id of a recording it already has. If the same happens again, check that -BaseUri is the Alpharun API.";

        [Fact]
        public async Task SuccessWithoutARecordingIdSaysWhereTheIdWasLookedForAndThatTheApiProbablyHoldsIt()
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(201, "{\"data\":{}}")));
            Assert.Equal("The API answered HTTP 201 (created) to the upload of '/x/call.wav' without a recording id (data.recording.id)." + ProbablyHeld, e.Message);
            Assert.Equal((ApiErrorKind.InvalidResponse, 201), (e.Kind, e.StatusCode));
        }

        [Fact]
        public async Task SuccessWithABodyThatIsNotJsonSaysSoAndThatTheApiProbablyHoldsIt()
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(200, "<html>ok</html>", "text/html")));
            Assert.StartsWith("The API answered HTTP 200 (already exists) to the upload of '/x/call.wav' but its body is not the expected JSON (", e.Message);
            Assert.EndsWith(")." + ProbablyHeld, e.Message);
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(e.InnerException);
        }

        [Theory]
        [InlineData("{\"data\":{\"recording\":{\"id\":\"00000000-0000-0000-0000-000000000000\"}}}", "with the nil uuid (all zeros) as its recording id, which no recording has")]
        [InlineData("{\"data\":{\"recording\":{\"id\":\"rec_12345\"}}}", "with a recording id that is not a uuid ('rec_12345')")]
        [InlineData("{\"data\":{\"recording\":{}}}", "without a recording id (data.recording.id)")]
        public async Task SuccessWithANilOrOddIdIsNotARecordingId(string body, string what)
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(201, body)));
            Assert.Equal($"The API answered HTTP 201 (created) to the upload of '/x/call.wav' {what}." + ProbablyHeld, e.Message);
            Assert.Equal(ApiErrorKind.InvalidResponse, e.Kind);
        }

        private static AlpharunApiException Map(int code, string? apiMessage, Guid? playbook = null) => UploadResponseReader.MapFailure(code, apiMessage, Request(playbook));

        [Theory]
        [InlineData(413, null, ApiErrorKind.RequestRejected, "The Alpharun API refused '/x/call.wav' as too large (HTTP 413). Send a smaller recording, or fewer contacts.")]
        [InlineData(413, "max 500 MB", ApiErrorKind.RequestRejected, "The Alpharun API refused '/x/call.wav' as too large (HTTP 413). The API said: max 500 MB Send a smaller recording, or fewer contacts.")]
        [InlineData(422, null, ApiErrorKind.RequestRejected, "The Alpharun API refused '/x/call.wav' (HTTP 422). It gave no reason. Correct the request and send it again.")]
        [InlineData(429, null, ApiErrorKind.RateLimited, "The Alpharun API is rate limiting uploads (HTTP 429); '/x/call.wav' was not accepted. Send it again later.")]
        [InlineData(500, null, ApiErrorKind.ServerError, "The Alpharun API failed while uploading '/x/call.wav' (HTTP 500). Send it again later; a repeat upload is safe.")]
        [InlineData(502, "bad gateway", ApiErrorKind.ServerError, "The Alpharun API failed while uploading '/x/call.wav' (HTTP 502). The API said: bad gateway Send it again later; a repeat upload is safe.")]
        [InlineData(408, null, ApiErrorKind.Timeout, "The API timed out receiving '/x/call.wav' (HTTP 408). Send it again; a repeat upload is safe.")]
        [InlineData(300, null, ApiErrorKind.UnexpectedStatus, "The API redirected the upload of '/x/call.wav' (HTTP 300); uploads are not sent on to another address. Set -BaseUri to the API's final address.")]
        [InlineData(302, null, ApiErrorKind.UnexpectedStatus, "The API redirected the upload of '/x/call.wav' (HTTP 302); uploads are not sent on to another address. Set -BaseUri to the API's final address.")]
        [InlineData(399, null, ApiErrorKind.UnexpectedStatus, "The API redirected the upload of '/x/call.wav' (HTTP 399); uploads are not sent on to another address. Set -BaseUri to the API's final address.")]
        [InlineData(404, null, ApiErrorKind.NotAlpharunApi, "The address does not serve the Alpharun upload API: the upload address answered HTTP 404 (not found) to '/x/call.wav'. Check -BaseUri ($env:ALPHARUN_BASE_URI, or Connect-Alpharun -BaseUri): the API's address is https://api.alpharun.com/api/v1, path included; every file sent there gets the same answer.")]
        [InlineData(405, "no", ApiErrorKind.NotAlpharunApi, "The address does not serve the Alpharun upload API: the upload address answered HTTP 405 (method not allowed) to '/x/call.wav'. The API said: no Check -BaseUri ($env:ALPHARUN_BASE_URI, or Connect-Alpharun -BaseUri): the API's address is https://api.alpharun.com/api/v1, path included; every file sent there gets the same answer.")]
        [InlineData(410, null, ApiErrorKind.UnexpectedStatus, "The API answered HTTP 410 to the upload of '/x/call.wav'. Check -BaseUri (e.g. https://api.alpharun.com/api/v1).")]
        public void EachFailureStatusHasAMessageThatSaysWhatToDo(int code, string? apiMessage, ApiErrorKind kind, string message)
        {
            AlpharunApiException e = Map(code, apiMessage);
            Assert.Equal((kind, code, message), (e.Kind, e.StatusCode, e.Message));
        }

        [Theory]
        [InlineData("routing rule missing for teammate")]
        [InlineData("Playbook is required")]
        public void RoutingOrPlaybookAtTheStartOfTheMessageIsNoPlaybookRouting(string apiMessage) =>
            Assert.Equal(ApiErrorKind.NoPlaybookRouting, Map(422, apiMessage).Kind);

        [Theory]
        [InlineData("{\"detail\":\"teammate unknown\"}", "teammate unknown")]
        [InlineData("{\"title\":\"Unprocessable\"}", "Unprocessable")]
        [InlineData("{\"errors\":[1,{\"message\":\"a\"},null,\"b\"]}", "a; b")]
        [InlineData("{\"errors\":[]}", "{\"errors\":[]}")]
        [InlineData("[\"not an object\"]", "[\"not an object\"]")]
        [InlineData("\"quoted\"", "\"quoted\"")]
        [InlineData("<html><body>502 Bad Gateway</body></html>", null)]
        [InlineData("  ", null)]
        public void ErrorBodyMessageIsTheFirstKnownMemberElseThePlainTextButNeverHtml(string body, string? expected) =>
            Assert.Equal(expected, UploadResponseReader.ExtractMessage(body));

        [Fact]
        public void RetryAfterDateInThePastMeansNoWait()
        {
            var now = new DateTimeOffset(2024, 1, 15, 12, 0, 0, TimeSpan.Zero);
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddMinutes(-1));
            Assert.Equal(TimeSpan.Zero, UploadResponseReader.RetryAfterOf(response, now));
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(90));
            Assert.Equal(TimeSpan.FromSeconds(90), UploadResponseReader.RetryAfterOf(response, now));
        }

        [Theory]
        [InlineData("X-Request-Id", "7f3a2c1e-req")]
        [InlineData("Request-Id", "|abc.1.")]
        [InlineData("X-Amzn-RequestId", "c6a1f2d0-1b2c-4d5e-8f90-1a2b3c4d5e6f")]
        [InlineData("X-Amz-Request-Id", "4442587FB7D0A2F9")]
        [InlineData("X-Correlation-Id", "corr-42")]
        [InlineData("X-Ms-Request-Id", "ms-42")]
        [InlineData("CF-Ray", "8a1b2c3d4e5f6a7b-FRA")]
        [InlineData("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
        public async Task AFailureCarriesTheRequestIdTheServerGaveAndShowsItLast(string header, string id)
        {
            HttpResponseMessage answer = Answer(503, "{\"message\":\"busy\"}");
            answer.Headers.TryAddWithoutValidation(header, id);

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(answer));

            Assert.Equal(id, e.RequestId);
            Assert.Equal($"The Alpharun API failed while uploading '/x/call.wav' (HTTP 503). The API said: busy Send it again later; a repeat upload is safe. Request id: {id}" + (id.EndsWith(".") ? "" : "."), e.Message);
            Assert.Equal((ApiErrorKind.ServerError, 503, "busy"), (e.Kind, e.StatusCode, e.ApiMessage));
        }

        [Fact]
        public async Task TheMostSpecificRequestIdIsTakenWhenSeveralAreGiven()
        {
            HttpResponseMessage answer = Answer(500, "");
            answer.Headers.TryAddWithoutValidation("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            answer.Headers.TryAddWithoutValidation("X-Amzn-RequestId", "amzn-1");
            answer.Headers.TryAddWithoutValidation("X-Request-Id", "req-1");

            Assert.Equal("req-1", (await Assert.ThrowsAsync<AlpharunApiException>(() => Read(answer))).RequestId);
        }

        [Fact]
        public async Task ARequestIdIsServerTextCleanedAndBounded()
        {
            HttpResponseMessage answer = Answer(429, "");
            answer.Headers.TryAddWithoutValidation("X-Request-Id", "\u001b[31mred\u001b[0m" + new string('9', 300));

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(answer));

            Assert.Equal("red" + new string('9', 197) + "…", e.RequestId);
            Assert.Equal(ApiErrorKind.RateLimited, e.Kind);
        }

        [Fact]
        public async Task AnAnswerWithoutARequestIdHasNone()
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(500, "")));

            Assert.Null(e.RequestId);
            Assert.DoesNotContain("Request id", e.Message);
        }

        [Fact]
        public async Task AnUnusableSuccessAndAnUnexpectedSuccessStatusCarryTheRequestIdToo()
        {
            HttpResponseMessage created = Answer(201, "{}");
            created.Headers.TryAddWithoutValidation("X-Request-Id", "req-201");
            HttpResponseMessage accepted = Answer(202, "{}");
            accepted.Headers.TryAddWithoutValidation("X-Request-Id", "req-202");

            var unusable = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(created));
            var unexpected = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(accepted));

            Assert.Equal(("req-201", ApiErrorKind.InvalidResponse), (unusable.RequestId, unusable.Kind));
            Assert.EndsWith(" Request id: req-201.", unusable.Message);
            Assert.Equal(("req-202", ApiErrorKind.UnexpectedStatus), (unexpected.RequestId, unexpected.Kind));
            Assert.EndsWith(" Request id: req-202.", unexpected.Message);
        }

        [Fact]
        public async Task A404NamingThePlaybookWhenOneWasGivenIsTheRefusalOfThatUploadNotAWrongAddress()
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(404, "{\"message\":\"Playbook not found\"}"), Guid.NewGuid()));

            Assert.Equal(ApiErrorKind.RequestRejected, e.Kind);
            Assert.Equal("The Alpharun API refused '/x/call.wav' (HTTP 404). The API said: Playbook not found Check -PlaybookId.", e.Message);
        }

        [Fact]
        public async Task A404NamesTheAddressThatAnsweredIt()
        {
            HttpResponseMessage answer = Answer(404, "<html>Not Found</html>", "text/html");
            answer.RequestMessage = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/recordings/upload");

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(answer));

            Assert.Equal(ApiErrorKind.NotAlpharunApi, e.Kind);
            Assert.StartsWith("The address does not serve the Alpharun upload API: POST https://api.example.test/recordings/upload answered HTTP 404 (not found) to '/x/call.wav'. Check -BaseUri", e.Message);
        }
    }
}
