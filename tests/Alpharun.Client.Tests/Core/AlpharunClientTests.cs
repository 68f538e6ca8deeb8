using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests
{
    public class AlpharunClientTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private sealed class RecordingHandler : HttpMessageHandler
        {
            public List<(HttpRequestMessage Request, byte[] Body)> Seen { get; } = new List<(HttpRequestMessage, byte[])>();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Seen.Add((request, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
                return new HttpResponseMessage(HttpStatusCode.Created)
                {
                    Content = new StringContent("{\"data\":{\"recording\":{\"id\":\"0b8c4f5e-1111-4a2b-9c3d-444455556666\"}}}", Encoding.UTF8, "application/json"),
                };
            }
        }

        private RecordingUploadRequest Request(string teammate = "ana@acme.com") =>
            new RecordingUploadRequest(_files.Create("call.wav", 2048), teammate, DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "bob@client.com") });

        [Fact]
        public async Task PostsToTheUploadEndpointWithABearerKey()
        {
            var handler = new RecordingHandler();
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k-123"), new Uri("https://api.example.test/api/v1/")), null, handler);

            RecordingUpload upload = await client.UploadRecordingAsync(Request());

            HttpRequestMessage sent = Assert.Single(handler.Seen).Request;
            Assert.Equal(HttpMethod.Post, sent.Method);
            Assert.Equal("https://api.example.test/api/v1/recordings/upload", sent.RequestUri!.AbsoluteUri);
            Assert.Equal("Bearer k-123", sent.Headers.Authorization!.ToString());
            Assert.StartsWith("Alpharun.Client/", sent.Headers.UserAgent.ToString());
            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Equal(2048, upload.Length);
            Assert.Equal(201, upload.HttpStatus);
        }

        [Fact]
        public async Task InvalidRequestIsRefusedBeforeAnythingIsSent()
        {
            var handler = new RecordingHandler();
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k"), null), null, handler);

            var e = await Assert.ThrowsAsync<AlpharunValidationException>(() => client.UploadRecordingAsync(Request("not-an-email")));

            Assert.Equal(ValidationErrorKind.InvalidTeammate, e.Kind);
            Assert.Empty(handler.Seen);
        }

        [Fact]
        public void ApiKeyNeverPrints() => Assert.Equal("***", ApiKey.FromPlainText("secret-key-value").ToString());

        [Fact]
        public void ApiKeyMatchesOnlyItself()
        {
            ApiKey key = ApiKey.FromPlainText("abc123");
            Assert.True(key.Matches("abc123"));
            Assert.False(key.Matches("abc124"));
            Assert.False(key.Matches("abc1234"));
            Assert.False(key.Matches(null));
        }
    }
}
