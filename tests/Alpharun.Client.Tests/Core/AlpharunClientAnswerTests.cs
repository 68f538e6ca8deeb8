using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// What happens after the answer's headers came: a success whose body stalls or is cut short says the API probably
    /// holds the recording and a rerun is safe (issue 18, item 4); a body that stalls is given up when the timeout or
    /// the caller's cancellation fires even where the stream ignores the token, as .NET Framework's does (issue 19, item
    /// 3); a failure carries the attempts made and the request id (issue 18, item 7). In-memory handlers only.
    /// </summary>
    public sealed class AlpharunClientAnswerTests : IDisposable
    {
        private static readonly Guid Id = Guid.Parse("0b8c4f5e-1111-4a2b-9c3d-444455556666");
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private const string ProbablyHeld = "It answered success, so it probably holds the recording: send the file again to get its id; a rerun is safe, as the API answers 200 (AlreadyExisted) with the id of a recording it already has.";

        /// <summary>
        /// A response body like .NET Framework's: its reads never look at the cancellation token (referencesource
        /// stream.cs checks it only before a read starts), so a stalled read ends only when the stream is disposed.
        /// </summary>
        private sealed class DeafBody : Stream
        {
            private readonly byte[] _start;
            private readonly bool _cutShort;
            private readonly TaskCompletionSource<bool> _disposed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            private int _position;

            public DeafBody(string start, bool cutShort = false)
            {
                _start = Encoding.UTF8.GetBytes(start);
                _cutShort = cutShort;
            }

            private readonly TaskCompletionSource<bool> _stalled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public bool Disposed => _disposed.Task.IsCompleted;

            /// <summary>Completes when a read has begun to wait for bytes that never come.</summary>
            public Task Stalled => _stalled.Task;

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                if (_position < _start.Length)
                {
                    int n = Math.Min(count, _start.Length - _position);
                    Array.Copy(_start, _position, buffer, offset, n);
                    _position += n;
                    return n;
                }
                if (_cutShort) throw new IOException("The response ended prematurely. (ResponseEnded)");
                // The token is ignored on purpose: only Dispose ends the wait.
                _stalled.TrySetResult(true);
                await _disposed.Task.ConfigureAwait(false);
                throw new ObjectDisposedException(nameof(DeafBody));
            }

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                byte[] array = new byte[buffer.Length];
                return new ValueTask<int>(ReadAsync(array, 0, array.Length, cancellationToken).ContinueWith(t =>
                {
                    int n = t.GetAwaiter().GetResult();
                    array.AsSpan(0, n).CopyTo(buffer.Span);
                    return n;
                }, TaskScheduler.Default));
            }

            protected override void Dispose(bool disposing)
            {
                _disposed.TrySetResult(true);
                base.Dispose(disposing);
            }
        }

        private sealed class Handler : HttpMessageHandler
        {
            private readonly Func<int, HttpResponseMessage> _answer;
            private int _requests;

            public Handler(Func<int, HttpResponseMessage> answer) => _answer = answer;

            public int Requests => Volatile.Read(ref _requests);

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                await request.Content!.ReadAsByteArrayAsync(cancellationToken);
                return _answer(Interlocked.Increment(ref _requests));
            }
        }

        private static HttpResponseMessage Answer(int status, Stream body, string? requestId = null)
        {
            var answer = new HttpResponseMessage((HttpStatusCode)status) { Content = new StreamContent(body) };
            answer.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            if (requestId != null) answer.Headers.TryAddWithoutValidation("X-Request-Id", requestId);
            return answer;
        }

        private static HttpResponseMessage Json(int status, string body) => Answer(status, new MemoryStream(Encoding.UTF8.GetBytes(body)));

        private (AlpharunClient Client, RecordingUploadRequest Request) Setup(Handler handler, TimeSpan timeout, int maxRetries = 0)
        {
            var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k-answer"), new Uri("https://api.example.test/api/v1")), null, handler)
            {
                Timeout = timeout,
                RetryPolicy = new RetryPolicy(maxRetries, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)),
            };
            return (client, new RecordingUploadRequest(_files.Create("call.wav", 4096), "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "bob@client.com") }));
        }

        [Fact]
        public async Task ASuccessWhoseBodyStallsIsGivenUpAtTheTimeoutEvenWhenItsStreamIgnoresTheToken()
        {
            var body = new DeafBody("{\"data\":");
            var handler = new Handler(_ => Answer(201, body, "req-stall"));
            var (client, request) = Setup(handler, TimeSpan.FromSeconds(1));

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request).WaitAsync(Deadline));

            Assert.Equal((ApiErrorKind.Timeout, 201, "req-stall", 1), (e.Kind, e.StatusCode, e.RequestId, e.Attempts));
            Assert.Equal($"The API answered HTTP 201 (created) to the upload of '{request.FilePath}' but its body then stalled: nothing more came for 1 s, and the read was given up. {ProbablyHeld} If the same happens again, check that -BaseUri is the Alpharun API. Request id: req-stall.", e.Message);
            Assert.True(body.Disposed);
        }

        [Fact]
        public async Task CancellingWhileASuccessBodyStallsEndsTheUploadEvenWhenItsStreamIgnoresTheToken()
        {
            // Ctrl+C: the caller's token, no timeout. The read must end, not keep running after the command returned.
            var body = new DeafBody("{\"data\":");
            var (client, request) = Setup(new Handler(_ => Answer(200, body)), System.Threading.Timeout.InfiniteTimeSpan);
            using var stop = new CancellationTokenSource();

            Task<RecordingUpload> upload = client.UploadRecordingAsync(request, null, stop.Token);
            await body.Stalled.WaitAsync(Deadline);
            stop.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.WaitAsync(Deadline));
            Assert.True(body.Disposed);
        }

        [Fact]
        public async Task AnErrorBodyThatStallsStillEndsAsItsStatus()
        {
            var (client, request) = Setup(new Handler(_ => Answer(503, new DeafBody("{\"mess"), "req-503")), TimeSpan.FromSeconds(1));

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request).WaitAsync(Deadline));

            Assert.Equal((ApiErrorKind.ServerError, 503, "req-503"), (e.Kind, e.StatusCode, e.RequestId));
            Assert.Equal($"The Alpharun API failed while uploading '{request.FilePath}' (HTTP 503). Send it again later; a repeat upload is safe. Request id: req-503.", e.Message);
        }

        [Fact]
        public async Task ASuccessCutShortSaysTheApiProbablyHoldsItAndTheRetryGetsItsId()
        {
            var handler = new Handler(n => n == 1 ? Answer(201, new DeafBody("{\"data\":{\"rec", cutShort: true)) : Json(200, "{\"data\":{\"recording\":{\"id\":\"" + Id + "\"}}}"));
            var retries = new RetryLog();
            var (client, request) = Setup(handler, TimeSpan.FromSeconds(30), maxRetries: 1);

            RecordingUpload upload = await client.UploadRecordingAsync(request, retries).WaitAsync(Deadline);

            Assert.Equal((RecordingUploadStatus.AlreadyExisted, Id, 2), (upload.Status, upload.RecordingId, upload.Attempts));
            UploadRetry retry = Assert.Single(retries.Retries);
            Assert.Equal("HTTP 201, then its body was cut short", retry.Reason);
            Assert.Equal((ApiErrorKind.ConnectionFailed, 201), (retry.Failure.Kind, retry.Failure.StatusCode));
            Assert.Equal($"The API answered HTTP 201 (created) to the upload of '{request.FilePath}' but its body was cut short (The response ended prematurely. (ResponseEnded)). {ProbablyHeld} If the same happens again, check that -BaseUri is the Alpharun API.", retry.Failure.Message);
        }

        [Fact]
        public async Task AFailureCarriesTheAttemptsMadeAndTheLastAnswersRequestId()
        {
            var handler = new Handler(n => { var a = Json(503, "{}"); a.Headers.TryAddWithoutValidation("X-Request-Id", "req-" + n); return a; });
            var (client, request) = Setup(handler, TimeSpan.FromSeconds(30), maxRetries: 2);

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request).WaitAsync(Deadline));

            Assert.Equal((3, "req-3", 503), (e.Attempts, e.RequestId, e.StatusCode));
            Assert.EndsWith("Request id: req-3.", e.Message);
        }

        [Fact]
        public async Task AnUploadStoppedByTheBatchsGateCarriesTheAttemptsItMade()
        {
            var gate = new UploadGate(TimeSpan.FromMinutes(1));
            gate.Close(new AlpharunApiException(ApiErrorKind.ApiKeyRejected, "key rejected", 401));
            var (client, request) = Setup(new Handler(_ => Json(201, "{}")), TimeSpan.FromSeconds(30));
            client.Gate = gate;

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request).WaitAsync(Deadline));

            Assert.Equal((ApiErrorKind.ApiKeyRejected, 0), (e.Kind, e.Attempts));
        }

        [Fact]
        public async Task A407FromTheWayToTheApiIsProxyAuthenticationRequiredAndNotRetried()
        {
            var handler = new Handler(_ => Json(407, ""));
            var (client, request) = Setup(handler, TimeSpan.FromSeconds(30), maxRetries: 3);

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request).WaitAsync(Deadline));

            Assert.Equal((ApiErrorKind.ProxyAuthenticationRequired, 407), (e.Kind, e.StatusCode));
            Assert.StartsWith("The proxy ", e.Message);
            Assert.Contains($"asked for credentials (HTTP 407), so '{request.FilePath}' did not reach the Alpharun API. Pass -ProxyUseDefaultCredentials", e.Message);
            Assert.Equal(1, handler.Requests);
        }

        private sealed class RetryLog : IUploadObserver
        {
            public System.Collections.Generic.List<UploadRetry> Retries { get; } = new System.Collections.Generic.List<UploadRetry>();
            public void BytesSent(RecordingUploadRequest request, long sent, long total) { }
            public void Retrying(UploadRetry retry) => Retries.Add(retry);
        }
    }
}
