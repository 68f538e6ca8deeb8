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
    }
}
