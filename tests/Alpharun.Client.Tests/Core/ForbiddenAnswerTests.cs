using System;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>401 is the key; 403 is one request refused, unless the API's message says it is the key.</summary>
    public class ForbiddenAnswerTests
    {
        private static readonly RecordingUploadRequest Request =
            new RecordingUploadRequest("/calls/a.wav", "ana@acme.com", DateTimeOffset.UtcNow, new[] { new Contact(email: "bob@client.com") });

        [Theory]
        [InlineData("This playbook is not available on your plan")]
        [InlineData("Teammate belongs to another workspace")]
        [InlineData(null)]
        public void A403ThatDoesNotBlameTheKeyIsForbiddenForThatFileAndNotRetried(string? apiMessage)
        {
            AlpharunApiException e = UploadResponseReader.MapFailure(403, apiMessage, Request);

            Assert.Equal(ApiErrorKind.Forbidden, e.Kind);
            Assert.Equal(403, e.StatusCode);
            Assert.Contains("'/calls/a.wav' (HTTP 403)", e.Message);
            Assert.False(RetryPolicy.IsTransient(e));
        }

        [Theory]
        [InlineData("Invalid API key")]
        [InlineData("api_key revoked")]
        [InlineData("The token has expired")]
        [InlineData("Unauthorized")]
        public void A403WhoseMessageBlamesTheKeyIsApiKeyRejected(string apiMessage)
        {
            Assert.Equal(ApiErrorKind.ApiKeyRejected, UploadResponseReader.MapFailure(403, apiMessage, Request).Kind);
        }

        [Fact]
        public void A401IsAlwaysApiKeyRejected()
        {
            Assert.Equal(ApiErrorKind.ApiKeyRejected, UploadResponseReader.MapFailure(401, "Teammate belongs to another workspace", Request).Kind);
        }
    }
}
