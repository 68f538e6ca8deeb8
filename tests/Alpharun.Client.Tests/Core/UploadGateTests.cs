using System;
using System.Linq;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using SandboxFault = Alpharun.Sandbox.SandboxFault;
using Xunit;
using static Alpharun.Tests.Sandbox.SandboxTestKit;

namespace Alpharun.Tests
{
    /// <summary>The uploads of a batch share one gate: one pause for a Retry-After, one stop for the batch.</summary>
    public class UploadGateTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private sealed class RetryWatch : IUploadObserver
        {
            public TaskCompletionSource<DateTimeOffset> FirstRetry { get; } = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
            public void BytesSent(RecordingUploadRequest request, long sent, long total) { }
            public void Retrying(UploadRetry retry) => FirstRetry.TrySetResult(DateTimeOffset.Now);
        }

        [Fact]
        public async Task A429WithRetryAfterPausesEveryUploadOfTheBatchNotJustItsOwn()
        {
            using SandboxServer server = StartServer();
            server.AddFault(SandboxFault.Status(429, retryAfter: "2"));
            using AlpharunClient client = ClientFor(server);
            client.Gate = new UploadGate(TimeSpan.FromMinutes(1));
            var watch = new RetryWatch();

            Task<RecordingUpload> first = client.UploadRecordingAsync(Request(_files.Create("first.wav", seed: 1)), watch);
            // The gate has taken the pause in when the retry is announced; the other uploads start after that.
            DateTimeOffset pausedAt = await watch.FirstRetry.Task;
            Task<RecordingUpload>[] others = Enumerable.Range(2, 3).Select(i => client.UploadRecordingAsync(Request(_files.Create($"other-{i}.wav", seed: i)))).ToArray();
            await Task.WhenAll(others.Append(first));

            // Server side: nothing reached the sandbox during the pause. Allow 250 ms for the 429's trip back to the client.
            SandboxRecording[] received = server.GetRecordings().ToArray();
            Assert.Equal(4, received.Length);
            Assert.Equal(5, server.UploadRequestCount);
            Assert.All(received, r => Assert.True(r.ReceivedAt >= pausedAt + TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(250),
                $"{r.FileName} reached the sandbox at {r.ReceivedAt:HH:mm:ss.fff}, during the pause that began by {pausedAt:HH:mm:ss.fff}"));
        }

        [Fact]
        public async Task ARetryAfterLongerThanTheBoundFailsFastWithRateLimitedSayingWhenToRetry()
        {
            using SandboxServer server = StartServer();
            server.AddFault(SandboxFault.Status(429, retryAfter: "100000"));
            using AlpharunClient client = ClientFor(server);
            client.Gate = new UploadGate(TimeSpan.FromMinutes(5));

            DateTimeOffset before = DateTimeOffset.Now;
            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(Request(_files.Create("late.wav"))));
            var second = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(Request(_files.Create("next.wav", seed: 2))));

            Assert.Equal(ApiErrorKind.RateLimited, e.Kind);
            Assert.Equal(1, server.UploadRequestCount);
            Assert.Contains("asked the batch to wait 27.8 h (HTTP 429 with Retry-After)", e.Message);
            Assert.Contains("longer than the 5 min allowed (-MaxRateLimitWaitSec). Run it again after ", e.Message);
            string at = e.Message.Substring(e.Message.IndexOf("Run it again after ", StringComparison.Ordinal) + "Run it again after ".Length).TrimEnd('.');
            DateTimeOffset retryAt = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retryAt, before.AddSeconds(100000 - 1), DateTimeOffset.Now.AddSeconds(100000 + 1));
            Assert.Equal(ApiErrorKind.RateLimited, second.Kind);
            Assert.Same(e, client.Gate.ClosedBy);
        }

        [Fact]
        public async Task ARunOfConnectionFailuresStopsTheBatchAfterTheBudget()
        {
            using SandboxServer server = StartServer();
            server.AddFault(SandboxFault.DropConnection(count: 100));
            using AlpharunClient client = ClientFor(server);
            client.RetryPolicy = new RetryPolicy(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
            client.Gate = new UploadGate(TimeSpan.FromMinutes(5), connectionFailureBudget: 6);

            // One at a time, as -ThrottleLimit 1 sends them: files 1 and 2 use 4 attempts and 2 attempts.
            var errors = new AlpharunApiException[3];
            for (int i = 0; i < 3; i++) errors[i] = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(Request(_files.Create($"c{i}.wav", seed: i))));

            Assert.Equal(6, server.UploadRequestCount);
            Assert.All(errors, e => Assert.Equal(ApiErrorKind.ConnectionFailed, e.Kind));
            Assert.StartsWith("6 attempts in a row failed without an answer from the API, the last for ", client.Gate.ClosedBy!.Message);
            Assert.StartsWith("The batch stopped before this upload was sent again: 6 attempts in a row", errors[2].Message);
        }

        [Fact]
        public async Task AnHttpErrorAnswerBetweenConnectionFailuresKeepsTheBatchGoing()
        {
            // Five drops, a 503 (the API answered), one more drop: two runs of 5 and 1, neither reaching the budget of 6.
            using SandboxServer server = StartServer();
            server.AddFault(SandboxFault.DropConnection(count: 5));
            server.AddFault(SandboxFault.Status(503));
            server.AddFault(SandboxFault.DropConnection());
            using AlpharunClient client = ClientFor(server);
            client.RetryPolicy = new RetryPolicy(10, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
            client.Gate = new UploadGate(TimeSpan.FromMinutes(5), connectionFailureBudget: 6);

            RecordingUpload upload = await client.UploadRecordingAsync(Request(_files.Create("c.wav", seed: 1)));

            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Equal(8, upload.Attempts);
            Assert.Equal(8, server.UploadRequestCount);
            Assert.Null(client.Gate.ClosedBy);
        }
    }
}
