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
    public class AlpharunClientRetryTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        /// <summary>Answers from a script, one entry per attempt; reads each body whole so reuse would show.</summary>
        private sealed class ScriptedHandler : HttpMessageHandler
        {
            private readonly Queue<Func<HttpResponseMessage>> _answers;

            public ScriptedHandler(params Func<HttpResponseMessage>[] answers) => _answers = new Queue<Func<HttpResponseMessage>>(answers);

            public List<(HttpContent Content, int Length)> Bodies { get; } = new List<(HttpContent, int)>();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                byte[] body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
                Bodies.Add((request.Content, body.Length));
                return _answers.Dequeue()();
            }
        }

        private sealed class Observer : IUploadObserver
        {
            public List<UploadRetry> Retries { get; } = new List<UploadRetry>();
            public void BytesSent(RecordingUploadRequest request, long sent, long total) { }
            public void Retrying(UploadRetry retry) => Retries.Add(retry);
        }

        private static HttpResponseMessage Status(int code, TimeSpan? retryAfter = null)
        {
            var response = new HttpResponseMessage((HttpStatusCode)code) { Content = new StringContent("{\"message\":\"busy\"}", Encoding.UTF8, "application/json") };
            if (retryAfter.HasValue) response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter.Value);
            return response;
        }

        private static HttpResponseMessage Created() =>
            new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("{\"data\":{\"recording\":{\"id\":\"0b8c4f5e-1111-4a2b-9c3d-444455556666\"}}}", Encoding.UTF8, "application/json") };

        private (AlpharunClient Client, RecordingUploadRequest Request) Setup(ScriptedHandler handler, int maxRetries = 3)
        {
            var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k"), null), null, handler)
            {
                RetryPolicy = new RetryPolicy(maxRetries, baseDelay: TimeSpan.FromMilliseconds(1), maxDelay: TimeSpan.FromMilliseconds(5)),
            };
            var request = new RecordingUploadRequest(_files.Create("call.wav", 5000), "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "b@c.io") });
            return (client, request);
        }

        [Fact]
        public async Task TransientFailuresAreRetriedWithAFreshBodyEachTime()
        {
            var handler = new ScriptedHandler(() => Status(503), () => Status(429, TimeSpan.Zero), () => { throw new HttpRequestException("reset"); }, Created);
            var observer = new Observer();
            var (client, request) = Setup(handler);

            RecordingUpload upload = await client.UploadRecordingAsync(request, observer);

            Assert.Equal(4, upload.Attempts);
            Assert.Equal(4, handler.Bodies.Count);
            Assert.Equal(4, new HashSet<HttpContent>(handler.Bodies.ConvertAll(b => b.Content)).Count);
            Assert.All(handler.Bodies, b => Assert.Equal(handler.Bodies[0].Length, b.Length));
            Assert.Equal(new[] { "HTTP 503", "HTTP 429", "connection failed" }, observer.Retries.ConvertAll(r => r.Reason));
            // Retry-After: 0 asks for no wait; the client backs off as for a 429 without one (RetryPolicyTests): here at most 2 ms.
            Assert.InRange(observer.Retries[1].Delay, TimeSpan.Zero, TimeSpan.FromMilliseconds(2));
        }

        [Fact]
        public async Task RetriesStopAtTheLimitWithTheLastFailure()
        {
            var handler = new ScriptedHandler(() => Status(500), () => Status(502), () => Status(504));
            var (client, request) = Setup(handler, maxRetries: 2);

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request));

            Assert.Equal(504, e.StatusCode);
            Assert.Equal(3, handler.Bodies.Count);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(413)]
        [InlineData(422)]
        public async Task OtherClientErrorsAreNeverRetried(int code)
        {
            var handler = new ScriptedHandler(() => Status(code), Created);
            var (client, request) = Setup(handler);

            await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request));

            Assert.Single(handler.Bodies);
        }

        [Fact]
        public async Task ZeroRetriesSendsOnce()
        {
            var handler = new ScriptedHandler(() => Status(503), Created);
            var (client, request) = Setup(handler, maxRetries: 0);

            await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request));

            Assert.Single(handler.Bodies);
        }

        [Fact]
        public void RetryAfterAsAnHttpDateIsAWaitFromNow()
        {
            var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.TryAddWithoutValidation("Retry-After", "Wed, 25 Nov 2026 12:00:09 GMT");
            Assert.Equal(TimeSpan.FromSeconds(9), UploadResponseReader.RetryAfterOf(response, now));
        }

        [Fact]
        public void RetryAfterInSecondsIsRead()
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.TryAddWithoutValidation("Retry-After", "12");
            Assert.Equal(TimeSpan.FromSeconds(12), UploadResponseReader.RetryAfterOf(response, DateTimeOffset.UtcNow));
        }
    }
}
