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
        [InlineData(404, ApiErrorKind.UnexpectedStatus)]
        [InlineData(302, ApiErrorKind.UnexpectedStatus)]
        public async Task OtherStatusesMapToTheirKind(int status, ApiErrorKind kind)
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(status, "")));
            Assert.Equal(kind, e.Kind);
            Assert.Equal(status, e.StatusCode);
        }
    

        [Fact]
        public async Task SuccessWithoutARecordingIdSaysWhereTheIdWasLookedFor()
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(201, "{\"data\":{}}")));
            Assert.Equal("The API answered HTTP 201 to the upload of '/x/call.wav' without a recording id (data.recording.id). Check -BaseUri.", e.Message);
        }

        [Fact]
        public async Task SuccessWithABodyThatIsNotJsonSaysSo()
        {
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => Read(Answer(200, "<html>ok</html>", "text/html")));
            Assert.StartsWith("The API answered HTTP 200 to the upload of '/x/call.wav' but its body is not the expected JSON (", e.Message);
            Assert.EndsWith("). Check -BaseUri.", e.Message);
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(e.InnerException);
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
        [InlineData(404, null, ApiErrorKind.UnexpectedStatus, "The API answered HTTP 404 to the upload of '/x/call.wav'. Check -BaseUri (e.g. https://api.alpharun.com/api/v1).")]
        [InlineData(405, "no", ApiErrorKind.UnexpectedStatus, "The API answered HTTP 405 to the upload of '/x/call.wav'. The API said: no Check -BaseUri (e.g. https://api.alpharun.com/api/v1).")]
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
    }
}
