using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>
    /// Faults queued on the sandbox, seen through a plain HttpClient and raw sockets. The core client is left out on
    /// purpose: its own retries would hide what the server did.
    /// </summary>
    public sealed class SandboxFaultTests
    {
        private const string FaultMessage = "The sandbox answers {0} because a fault was queued with AddFault. The upload was not recorded; send it again.";

        // Timers may fire up to one system tick (15.6 ms on Windows) before the due time as a stopwatch measures it.
        private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);

        [Fact]
        public async Task StatusFaultAnswersTheNextRequestsWithItsStatusAndRetryAfterThenLetsTheUploadThrough()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Status(503, count: 2, retryAfter: "1"));

            ApiAnswer first = await PostUploadAsync(server);
            ApiAnswer second = await PostUploadAsync(server);
            Assert.Empty(server.GetRecordings());
            ApiAnswer third = await PostUploadAsync(server);

            foreach (ApiAnswer refused in new[] { first, second })
            {
                Assert.Equal(503, refused.Status);
                Assert.Equal("1", refused.Headers["Retry-After"]);
                Assert.Equal("application/json", refused.MediaType);
                Assert.Equal(string.Format(FaultMessage, 503), refused.Message);
                Assert.Null(refused.Field);
            }
            Assert.Equal(201, third.Status);
            Assert.False(third.Headers.ContainsKey("Retry-After"));
            Assert.Equal(third.RecordingId, Assert.Single(server.GetRecordings()).RecordingId);
            Assert.Equal(3, server.UploadRequestCount);
            Assert.Empty(server.PendingFaults);
        }

        [Fact]
        public async Task StatusFaultWithoutRetryAfterSendsNone()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Status(500));

            ApiAnswer answer = await PostUploadAsync(server);

            Assert.Equal(500, answer.Status);
            Assert.False(answer.Headers.ContainsKey("Retry-After"));
            Assert.Empty(server.GetRecordings());
        }

        [Fact]
        public async Task StatusFaultPassesAnHttpDateRetryAfterVerbatimAndKeepsTheConnectionUsable()
        {
            const string HttpDate = "Wed, 21 Oct 2026 07:28:00 GMT";
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Status(429, retryAfter: HttpDate));
            using RawHttpConnection raw = await RawHttpConnection.OpenAsync(server.Port);

            RawResponse refused = await SendRawUploadAsync(raw, server);
            RawResponse accepted = await SendRawUploadAsync(raw, server);

            Assert.Equal(429, refused.Status);
            Assert.Equal(HttpDate, refused.Header("Retry-After"));
            Assert.Equal("keep-alive", refused.Header("Connection"));
            Assert.Equal(string.Format(FaultMessage, 429), refused.ToAnswer().Message);
            // The second request went over the same connection: the refused body was read to its end, not left in the way.
            Assert.Equal(201, accepted.Status);
            Assert.Single(server.GetRecordings());
            Assert.Equal(2, server.UploadRequestCount);
        }

        [Fact]
        public async Task DropConnectionFailsTheRequestWithAResetAndTheNextOneSucceeds()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.DropConnection());

            HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => PostUploadAsync(server));
            Assert.Empty(server.GetRecordings());
            ApiAnswer next = await PostUploadAsync(server);

            Assert.IsAssignableFrom<IOException>(e.InnerException);
            Assert.Equal(201, next.Status);
            Assert.Single(server.GetRecordings());
            Assert.Equal(2, server.UploadRequestCount);
        }

        [Fact]
        public async Task DropConnectionAfterSomeBytesFailsAnUploadStillSendingItsBody()
        {
            const int AfterBytes = 64 * 1024;
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.DropConnection(afterBytes: AfterBytes));
            byte[] audio = FormBuilder.Audio(1024 * 1024, 3);

            HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(
                () => SandboxTestKit.PostAsync(server, FormBuilder.Upload(audio: audio).ToContent()));
            ApiAnswer next = await SandboxTestKit.PostAsync(server, FormBuilder.Upload(audio: audio).ToContent());

            Assert.IsAssignableFrom<IOException>(e.InnerException);
            Assert.Equal(201, next.Status);
            Assert.Equal(audio.Length, Assert.Single(server.GetRecordings()).Size);
            Assert.Equal(2, server.UploadRequestCount);
        }

        [Fact]
        public async Task DropConnectionWaitsForAfterBytesOfTheBodyThenResetsRatherThanCloses()
        {
            const int AfterBytes = 1000;
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.DropConnection(afterBytes: AfterBytes));
            byte[] body = FormBuilder.Upload(audio: FormBuilder.Audio(4096, 5)).Build();
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
            NetworkStream stream = tcp.GetStream();

            await stream.WriteAsync(Encoding.ASCII.GetBytes(UploadHead(server, body.Length)));
            await stream.WriteAsync(body.AsMemory(0, AfterBytes - 1));
            await Poll.UntilAsync(() => server.UploadRequestCount == 1, "the sandbox took the request and its fault");
            // An early drop would reset the connection now: waited for (select) up to 200 ms. The absence of an event
            // can only be seen over a window; this is that window, not a wait for something to be ready.
            bool quietBeforeAfterBytes = !tcp.Client.Poll(200_000, SelectMode.SelectRead);
            await stream.WriteAsync(body.AsMemory(AfterBytes - 1));
            IOException e = await Assert.ThrowsAsync<IOException>(() => stream.ReadAsync(new byte[1]).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

            Assert.True(quietBeforeAfterBytes);
            Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(e.InnerException).SocketErrorCode);
            Assert.Empty(server.GetRecordings());
            Assert.Equal(1, server.UploadRequestCount);
        }

        [Fact]
        public async Task StallHoldsTheAnswerBackAndStillRecordsTheUpload()
        {
            TimeSpan delay = TimeSpan.FromMilliseconds(300);
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Stall(delay));
            var elapsed = Stopwatch.StartNew();

            ApiAnswer answer = await PostUploadAsync(server);

            Assert.InRange(elapsed.Elapsed, delay - TimerSlack, TimeSpan.FromSeconds(10));
            Assert.Equal(201, answer.Status);
            Assert.Equal(answer.RecordingId, Assert.Single(server.GetRecordings()).RecordingId);
            Assert.Equal(1, server.UploadRequestCount);
        }

        [Fact]
        public async Task ClientThatGivesUpDuringAStallFindsItsUploadAlreadyExistedOnRetry()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Stall(TimeSpan.FromSeconds(30)));
            using var http = new HttpClient(new HttpClientHandler { UseProxy = false });
            using var giveUp = new CancellationTokenSource();

            Task<HttpResponseMessage> stalled = http.SendAsync(UploadMessage(server), giveUp.Token);
            await Poll.UntilAsync(() => server.GetRecordings().Count == 1, "the sandbox stored the upload");
            giveUp.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stalled);
            using HttpResponseMessage retry = await http.SendAsync(UploadMessage(server));

            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal(new[] { RecordingUploadStatus.Created, RecordingUploadStatus.AlreadyExisted }, server.GetRecordings().Select(r => r.Status));
            Assert.Equal(server.GetRecordings()[0].RecordingId, server.GetRecordings()[1].RecordingId);
            Assert.Equal(2, server.UploadRequestCount);
        }

        [Theory]
        [InlineData(30_000)]
        [InlineData(-1)] // Timeout.InfiniteTimeSpan
        public async Task StopEndsAStallAtOnce(int delayMilliseconds)
        {
            SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Stall(TimeSpan.FromMilliseconds(delayMilliseconds)));
            Task<ApiAnswer> stalled = PostUploadAsync(server);
            // Stopped once the upload is stored: whether the handler is then in the stall or just before it, only a
            // stall that Stop cancels lets Stop return before its own 2 s wait for handlers.
            await Poll.UntilAsync(() => server.GetRecordings().Count == 1, "the sandbox stored the upload");
            bool stalledUntilStop = !stalled.IsCompleted;
            var elapsed = Stopwatch.StartNew();

            server.Stop();

            // Below Stop's own 2 s wait for handlers: the stalled handler ended, it was not given up on. The margin
            // is for a test run that keeps the thread pool busy (1.01 s seen once in a fresh-clone run).
            Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1.5));
            Assert.True(stalledUntilStop);
            await Assert.ThrowsAsync<HttpRequestException>(() => stalled);
        }

        [Fact]
        public async Task FaultsApplyInTheOrderQueuedAcrossKinds()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Status(500, count: 2));
            server.AddFault(SandboxFault.DropConnection());
            server.AddFault(SandboxFault.Stall(TimeSpan.FromMilliseconds(50)));
            server.AddFault(SandboxFault.Status(429, retryAfter: "7"));

            Assert.Equal(new[] { "Status(500, count: 2)", "DropConnection(count: 1, afterBytes: 0)", "Stall(50 ms, count: 1)", "Status(429, count: 1, retryAfter: \"7\")" }, Pending(server));
            Assert.Equal(500, (await PostUploadAsync(server)).Status);
            Assert.Equal(new[] { "Status(500, count: 1)", "DropConnection(count: 1, afterBytes: 0)", "Stall(50 ms, count: 1)", "Status(429, count: 1, retryAfter: \"7\")" }, Pending(server));
            Assert.Equal(500, (await PostUploadAsync(server)).Status);
            Assert.Equal(new[] { "DropConnection(count: 1, afterBytes: 0)", "Stall(50 ms, count: 1)", "Status(429, count: 1, retryAfter: \"7\")" }, Pending(server));
            await Assert.ThrowsAsync<HttpRequestException>(() => PostUploadAsync(server));
            Assert.Equal(new[] { "Stall(50 ms, count: 1)", "Status(429, count: 1, retryAfter: \"7\")" }, Pending(server));
            Assert.Equal(201, (await PostUploadAsync(server, seed: 1)).Status);
            Assert.Equal(new[] { "Status(429, count: 1, retryAfter: \"7\")" }, Pending(server));
            ApiAnswer rateLimited = await PostUploadAsync(server, seed: 2);
            Assert.Empty(server.PendingFaults);
            Assert.Equal(201, (await PostUploadAsync(server, seed: 2)).Status);

            Assert.Equal(429, rateLimited.Status);
            Assert.Equal("7", rateLimited.Headers["Retry-After"]);
            Assert.Equal(6, server.UploadRequestCount);
            Assert.Equal(2, server.GetRecordings().Count);
        }

        [Fact]
        public async Task ClearFaultsEmptiesTheQueue()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Status(503, count: 5));
            server.AddFault(SandboxFault.DropConnection());
            Assert.Equal(503, (await PostUploadAsync(server)).Status);

            server.ClearFaults();

            Assert.Empty(server.PendingFaults);
            Assert.Equal(201, (await PostUploadAsync(server)).Status);
            Assert.Equal(2, server.UploadRequestCount);
        }

        [Fact]
        public async Task PendingFaultsIsASnapshotOfNewInstancesWithTheUsesLeft()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            SandboxFault queued = SandboxFault.Status(502, count: 3, retryAfter: "2");
            server.AddFault(queued);
            IReadOnlyList<SandboxFault> before = server.PendingFaults;

            await PostUploadAsync(server);
            SandboxFault after = Assert.Single(server.PendingFaults);

            Assert.Equal(3, Assert.Single(before).Count);
            Assert.NotSame(queued, before[0]);
            Assert.Equal(3, queued.Count);
            Assert.Equal((SandboxFaultKind.Status, 2, 502, "2"), (after.Kind, after.Count, after.StatusCode, after.RetryAfter));
        }

        [Fact]
        public async Task RequestsRefusedBeforeTheUploadDoNotConsumeFaultsOrCount()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Status(500));

            ApiAnswer wrongKey = await PostUploadAsync(server, key: "sbx_not-the-key");
            ApiAnswer noKey = await PostUploadAsync(server, key: "");
            ApiAnswer otherPath = await SandboxTestKit.PostAsync(server, FormBuilder.Upload().ToContent(), uri: server.BaseUri.AbsoluteUri + "/recordings");
            ApiAnswer wrongMethod = await SandboxTestKit.SendAsync(new HttpRequestMessage(HttpMethod.Get, SandboxTestKit.UploadUri(server)));
            Assert.Equal("Status(500, count: 1)", Assert.Single(server.PendingFaults).ToString());
            Assert.Equal(0, server.UploadRequestCount);
            ApiAnswer valid = await PostUploadAsync(server);

            Assert.Equal(new[] { 401, 401, 404, 405 }, new[] { wrongKey.Status, noKey.Status, otherPath.Status, wrongMethod.Status });
            Assert.Equal(500, valid.Status);
            Assert.Empty(server.PendingFaults);
            Assert.Equal(1, server.UploadRequestCount);
        }

        [Fact]
        public async Task ParallelUploadsTakeExactlyTheQueuedUses()
        {
            using SandboxServer server = SandboxTestKit.StartServer();
            server.AddFault(SandboxFault.Status(500, count: 3));

            ApiAnswer[] answers = await Task.WhenAll(Enumerable.Range(1, 8).Select(seed => PostUploadAsync(server, seed)));

            Assert.Equal(3, answers.Count(a => a.Status == 500));
            Assert.Equal(5, answers.Count(a => a.Status == 201));
            Assert.Equal(5, server.GetRecordings().Count);
            Assert.Equal(8, server.UploadRequestCount);
            Assert.Empty(server.PendingFaults);
        }

        [Fact]
        public void FactoriesSetTheirPropertiesAndToStringReadsLikeTheCall()
        {
            SandboxFault status = SandboxFault.Status(503, count: 2, retryAfter: "1");
            SandboxFault drop = SandboxFault.DropConnection(count: 3, afterBytes: 4096);
            SandboxFault stall = SandboxFault.Stall(TimeSpan.FromMilliseconds(1500.5));
            SandboxFault forever = SandboxFault.Stall(Timeout.InfiniteTimeSpan, count: 2);

            Assert.Equal((SandboxFaultKind.Status, 2, 503, "1", 0L, TimeSpan.Zero), Describe(status));
            Assert.Equal((SandboxFaultKind.DropConnection, 3, 0, (string?)null, 4096L, TimeSpan.Zero), Describe(drop));
            Assert.Equal((SandboxFaultKind.Stall, 1, 0, (string?)null, 0L, TimeSpan.FromMilliseconds(1500.5)), Describe(stall));
            Assert.Equal("Status(503, count: 2, retryAfter: \"1\")", status.ToString());
            Assert.Equal("DropConnection(count: 3, afterBytes: 4096)", drop.ToString());
            Assert.Equal("Stall(1500.5 ms, count: 1)", stall.ToString());
            Assert.Equal("Stall(infinite, count: 2)", forever.ToString());
        }

        [Fact]
        public void FactoriesRefuseArgumentsTheyCannotApply()
        {
            Assert.Equal("statusCode", Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Status(399)).ParamName);
            Assert.Equal("statusCode", Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Status(600)).ParamName);
            Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Status(500, count: 0)).ParamName);
            Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.DropConnection(count: -1)).ParamName);
            Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Stall(TimeSpan.FromSeconds(1), count: 0)).ParamName);
            Assert.Equal("afterBytes", Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.DropConnection(afterBytes: -1)).ParamName);
            Assert.Equal("delay", Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Stall(TimeSpan.Zero)).ParamName);
            Assert.Equal("delay", Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Stall(TimeSpan.FromMilliseconds(-2))).ParamName);
            Assert.Equal("delay", Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Stall(TimeSpan.FromDays(30))).ParamName);
            foreach (string retryAfter in new[] { "", " 1", "1 ", "1\r\nSet-Cookie: x=1", "demain\u00e9" })
            {
                Assert.Equal("retryAfter", Assert.Throws<ArgumentException>(() => SandboxFault.Status(503, retryAfter: retryAfter)).ParamName);
            }
            using SandboxServer server = SandboxTestKit.StartServer();
            Assert.Equal("fault", Assert.Throws<ArgumentNullException>(() => server.AddFault(null!)).ParamName);
        }

        private static Task<ApiAnswer> PostUploadAsync(SandboxServer server, int seed = 1, string? key = null) =>
            SandboxTestKit.PostAsync(server, FormBuilder.Upload(audio: FormBuilder.Audio(2048, seed)).ToContent(), key);

        private static HttpRequestMessage UploadMessage(SandboxServer server)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, SandboxTestKit.UploadUri(server)) { Content = FormBuilder.Upload().ToContent() };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey.Reveal());
            return message;
        }

        private static string UploadHead(SandboxServer server, int contentLength) =>
            RawHttpConnection.Head(server, new[] { "Content-Type: " + new FormBuilder().ContentType, "Content-Length: " + contentLength });

        private static async Task<RawResponse> SendRawUploadAsync(RawHttpConnection raw, SandboxServer server)
        {
            byte[] body = FormBuilder.Upload().Build();
            await raw.SendAsync(UploadHead(server, body.Length));
            await raw.SendAsync(body);
            return await raw.ReadResponseAsync();
        }

        private static string[] Pending(SandboxServer server) => server.PendingFaults.Select(f => f.ToString()).ToArray();

        private static (SandboxFaultKind, int, int, string?, long, TimeSpan) Describe(SandboxFault f) =>
            (f.Kind, f.Count, f.StatusCode, f.RetryAfter, f.AfterBytes, f.Delay);
    }
}
