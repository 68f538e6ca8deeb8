using System;
using System.Linq;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// What one attempt sends (User-Agent, Accept, Expect: 100-continue) and what a failure of the way to the API
    /// becomes, through an in-memory handler: nothing leaves the process.
    /// </summary>
    public class AlpharunClientRequestTests : IDisposable
    {
        private const string Key = "sk_request_tests_key_0123456789";
        private static readonly Uri BaseUri = new Uri("https://api.example.test/api/v1");
        // Fixed, so that the multipart overhead (which carries it) is the same for every request.
        private static readonly DateTimeOffset RecordedAt = new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5));
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        /// <summary>Answers each request with the given function; records what it saw and whether it was disposed.</summary>
        private sealed class StubHandler : HttpMessageHandler
        {
            private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;

            public StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? answer = null) => _answer = answer ?? ReadAndCreate;

            public List<HttpRequestMessage> Seen { get; } = new List<HttpRequestMessage>();

            public bool Disposed { get; private set; }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Seen.Add(request);
                return _answer(request, cancellationToken);
            }

            protected override void Dispose(bool disposing)
            {
                Disposed = true;
                base.Dispose(disposing);
            }
        }

        private sealed class Observer : IUploadObserver
        {
            public List<(long Sent, long Total)> Progress { get; } = new List<(long, long)>();
            public void BytesSent(RecordingUploadRequest request, long sent, long total) => Progress.Add((sent, total));
            public void Retrying(UploadRetry retry) { }
        }

        private static async Task<HttpResponseMessage> ReadAndCreate(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.Created)
            {
                Content = new StringContent("{\"data\":{\"recording\":{\"id\":\"0b8c4f5e-1111-4a2b-9c3d-444455556666\"}}}", Encoding.UTF8, "application/json"),
            };
        }

        private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Throw(Exception e) => (_, _) => Task.FromException<HttpResponseMessage>(e);

        private static AlpharunClient Client(HttpMessageHandler handler, string? comment = null, AlpharunProxy? proxy = null) =>
            new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText(Key), BaseUri, proxy: proxy), comment, handler) { RetryPolicy = RetryPolicy.None };

        private RecordingUploadRequest Request(int length = 2048, string name = "call.wav") =>
            new RecordingUploadRequest(_files.Create(name, length), "ana@acme.com", RecordedAt, new[] { new Contact(email: "bob@client.com") });

        private static string ExpectedUserAgent(string? comment)
        {
            string version = typeof(AlpharunClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
            string inner = (comment is null ? "" : comment + "; ") + RuntimeInformation.FrameworkDescription.Trim() + "; " + RuntimeInformation.OSDescription.Trim();
            return $"Alpharun.Client/{version} ({inner})";
        }

        [Fact]
        public async Task EachAttemptSendsTheUserAgentAndAcceptsJson()
        {
            var handler = new StubHandler();
            using AlpharunClient client = Client(handler);

            await client.UploadRecordingAsync(Request());

            HttpRequestMessage sent = Assert.Single(handler.Seen);
            Assert.Equal(ExpectedUserAgent(null), client.UserAgent);
            Assert.Equal(ExpectedUserAgent(null), sent.Headers.UserAgent.ToString());
            Assert.Equal(new[] { "application/json" }, sent.Headers.GetValues("Accept"));
        }

        [Fact]
        public void TheVersionInTheUserAgentHasNoBuildMetadata()
        {
            using AlpharunClient client = Client(new StubHandler());

            Assert.Matches(@"^Alpharun\.Client/[0-9A-Za-z.\-]+ \(", client.UserAgent);
            Assert.DoesNotContain("+", client.UserAgent.Substring(0, client.UserAgent.IndexOf(' ')));
            Assert.DoesNotContain("Alpharun.Client/0.0.0 ", client.UserAgent);
        }

        [Fact]
        public void ACommentComesFirstInTheUserAgentsParentheses()
        {
            using AlpharunClient client = Client(new StubHandler(), "Alpharun/0.1.0");

            Assert.Equal(ExpectedUserAgent("Alpharun/0.1.0"), client.UserAgent);
        }

        /// <summary>The file length whose body is exactly <paramref name="bodyLength"/> bytes (the multipart overhead is fixed for a request).</summary>
        private RecordingUploadRequest RequestWithBody(long bodyLength, string name)
        {
            RecordingUploadRequest probe = Request(1000, name);
            long overhead = new RecordingMultipartContent(probe).Headers.ContentLength!.Value - 1000;
            RecordingUploadRequest request = Request((int)(bodyLength - overhead), name);
            Assert.Equal(bodyLength, new RecordingMultipartContent(request).Headers.ContentLength);
            return request;
        }

        [Fact]
        public async Task ABodyOfExactlyOneMebibyteIsSentWithExpectContinue()
        {
            var handler = new StubHandler();
            using AlpharunClient client = Client(handler);

            await client.UploadRecordingAsync(RequestWithBody(AlpharunClient.ExpectContinueThreshold, "big.wav"));

            Assert.True(Assert.Single(handler.Seen).Headers.ExpectContinue);
        }

        // False, not unset: left unset, .NET Framework's HttpClientHandler keeps its ServicePoint's default (on), sends
        // "Expect: 100-continue" with every body and waits up to 350 ms for an answer some hops never give.
        [Fact]
        public async Task ABodyOneByteUnderOneMebibyteIsSentWithExpectContinueSetToFalse()
        {
            var handler = new StubHandler();
            using AlpharunClient client = Client(handler);

            await client.UploadRecordingAsync(RequestWithBody(AlpharunClient.ExpectContinueThreshold - 1, "under.wav"));

            Assert.False(Assert.Single(handler.Seen).Headers.ExpectContinue);
        }

        [Fact]
        public async Task ASmallBodyIsSentWithExpectContinueSetToFalse()
        {
            var handler = new StubHandler();
            using AlpharunClient client = Client(handler);

            await client.UploadRecordingAsync(Request());

            Assert.False(Assert.Single(handler.Seen).Headers.ExpectContinue);
        }

        [Fact]
        public async Task TheObserverSeesTheBodyGoOutToItsLength()
        {
            var observer = new Observer();
            using AlpharunClient client = Client(new StubHandler());

            await client.UploadRecordingAsync(Request(5000), observer);

            Assert.NotEmpty(observer.Progress);
            Assert.Equal((5000L, 5000L), observer.Progress[observer.Progress.Count - 1]);
            Assert.All(observer.Progress, p => Assert.Equal(5000, p.Total));
        }

        [Fact]
        public async Task TheObserverHearsAtMostOncePerReportIntervalAndAlwaysTheFirstChunkAndTheLastByte()
        {
            // 200 chunks of 80 KiB read from memory: a report per chunk would be 200 reports in a few milliseconds.
            const int length = 200 * 81920 + 123;
            var observer = new Observer();
            using AlpharunClient client = Client(new StubHandler());
            var clock = System.Diagnostics.Stopwatch.StartNew();

            await client.UploadRecordingAsync(Request(length), observer);

            clock.Stop();
            long allowed = 2 + (long)(clock.Elapsed.Ticks / AlpharunClient.ReportInterval.Ticks);
            Assert.True(observer.Progress.Count <= allowed, $"{observer.Progress.Count} reports in {clock.Elapsed.TotalMilliseconds:0} ms; at most {allowed} expected");
            Assert.Equal((81920L, (long)length), observer.Progress[0]);
            Assert.Equal(((long)length, (long)length), observer.Progress[observer.Progress.Count - 1]);
            Assert.Equal(observer.Progress.OrderBy(p => p.Sent).ToList(), observer.Progress);
        }

        [Fact]
        public void DisposingTheClientDisposesAGivenHandler()
        {
            var handler = new StubHandler();
            AlpharunClient client = Client(handler);

            client.Dispose();

            Assert.True(handler.Disposed);
        }

        [Fact]
        public async Task AGivenHandlerIsUsedEvenWhenTheConnectionNamesAProxy()
        {
            // The proxy is a closed loopback port: a client that built its own handler for it would fail to connect.
            var handler = new StubHandler();
            using AlpharunClient client = Client(handler, proxy: new AlpharunProxy(new Uri("http://127.0.0.1:1/")));

            RecordingUpload upload = await client.UploadRecordingAsync(Request());

            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Single(handler.Seen);
        }

        [Fact]
        public async Task AConnectionFailureSaysWhyWithEveryInnerMessageAndKeepsTheException()
        {
            var failure = new HttpRequestException("Connection refused", new System.IO.IOException("socket closed"));
            using AlpharunClient client = Client(new StubHandler(Throw(failure)));
            RecordingUploadRequest request = Request();

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request));

            Assert.Equal(ApiErrorKind.ConnectionFailed, e.Kind);
            Assert.Equal($"The upload of '{request.FilePath}' to https://api.example.test/api/v1 failed: Connection refused. socket closed. Check the address and the network, then send it again; a repeat upload is safe.", e.Message);
            Assert.Same(failure, e.InnerException);
            Assert.Null(e.StatusCode);
        }

        [Fact]
        public async Task AnInnerMessageTheOuterOneAlreadySaysIsSaidOnceAndEachEndsWithAFullStop()
        {
            // .NET's shape for a refused connection: "Connection refused (127.0.0.1:1)" over a SocketException's "Connection refused".
            var failure = new HttpRequestException("Connection refused (127.0.0.1:1)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
            using AlpharunClient client = Client(new StubHandler(Throw(failure)));
            RecordingUploadRequest request = Request();

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request));

            Assert.Equal($"The upload of '{request.FilePath}' to https://api.example.test/api/v1 failed: Connection refused (127.0.0.1:1). Check the address and the network, then send it again; a repeat upload is safe.", e.Message);
        }

        [Fact]
        public async Task AFailureQuotingTheKeyIsMaskedAndTheRawExceptionReplacedByAMaskedCopy()
        {
            var failure = new HttpRequestException($"invalid status line: 'Bearer {Key}'", new System.IO.IOException("inner " + Key));
            using AlpharunClient client = Client(new StubHandler(Throw(failure)));

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(Request()));

            Assert.Equal(ApiErrorKind.ConnectionFailed, e.Kind);
            Assert.Contains("failed: invalid status line: 'Bearer ***'. inner ***. Check the address", e.Message);
            var masked = Assert.IsType<MaskedException>(e.InnerException);
            Assert.Equal(("System.Net.Http.HttpRequestException", "invalid status line: 'Bearer ***'"), (masked.OriginalType, masked.Message));
            Assert.Equal(("System.IO.IOException", "inner ***"), (((MaskedException)masked.InnerException!).OriginalType, masked.InnerException!.Message));
            Assert.DoesNotContain(Key.Substring(0, 8), e.ToString());
        }

        [Fact]
        public async Task ARejectedCertificateIsNamedAndNotRetried()
        {
            var failure = new HttpRequestException("The SSL connection could not be established, see inner exception.",
                new AuthenticationException("The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"));
            var handler = new StubHandler(Throw(failure));
            using AlpharunClient client = Client(handler);
            client.RetryPolicy = new RetryPolicy(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
            RecordingUploadRequest request = Request();

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request));

            Assert.Equal(ApiErrorKind.CertificateRejected, e.Kind);
            Assert.Equal($"The certificate of api.example.test was rejected, so '{request.FilePath}' was not sent: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot Check -BaseUri; if a proxy or security product on this network inspects TLS, its root certificate must be trusted on this machine. Nothing was sent, and it is not retried.", e.Message);
            Assert.Same(failure, e.InnerException);
            Assert.Single(handler.Seen);
        }

        [Fact]
        public async Task AnAuthenticationFailureThatNamesNoCertificateIsAFailedHandshakeNotARejectedCertificate()
        {
            // It used to be CertificateRejected, whose advice (trust a root certificate) is wrong for a TLS failure that
            // came before any certificate.
            var failure = new HttpRequestException("TLS failed", new AuthenticationException(" "));
            var handler = new StubHandler(Throw(failure));
            using AlpharunClient client = Client(handler);
            client.RetryPolicy = new RetryPolicy(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
            RecordingUploadRequest request = Request();

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request));

            Assert.Equal(ApiErrorKind.TlsHandshakeFailed, e.Kind);
            Assert.StartsWith($"The TLS handshake with api.example.test failed before its certificate was checked, so '{request.FilePath}' was not sent: TLS failed. The server at api.example.test:443 did not speak TLS", e.Message);
            Assert.Single(handler.Seen);
        }

        [Fact]
        public async Task ATlsVersionMismatchIsAFailedHandshakeNotARejectedCertificate()
        {
            // .NET's shape when the server and the client share no protocol: the TLS library's error inside.
            var failure = new HttpRequestException("The SSL connection could not be established, see inner exception.",
                new AuthenticationException("Authentication failed, see inner exception.", new System.ComponentModel.Win32Exception(unchecked((int)0x80090331), "The client and server cannot communicate, because they do not possess a common algorithm.")));
            using AlpharunClient client = Client(new StubHandler(Throw(failure)));
            RecordingUploadRequest request = Request();

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request));

            Assert.Equal(ApiErrorKind.TlsHandshakeFailed, e.Kind);
            Assert.Contains("The client and server cannot communicate, because they do not possess a common algorithm. The server at api.example.test:443 and this machine found no TLS version or cipher both accept (this module offers TLS 1.2 and 1.3), or the server does not speak TLS there. Check -BaseUri.", e.Message);
            Assert.Equal(1, e.Attempts);
        }

        [Fact]
        public async Task AWindowsPowerShellSecureChannelFailureIsAFailedHandshake()
        {
            // .NET Framework's shape when no TLS version is shared ("Could not create SSL/TLS secure channel").
            var failure = new HttpRequestException("An error occurred while sending the request.",
                new WebException("The request was aborted: Could not create SSL/TLS secure channel.", WebExceptionStatus.SecureChannelFailure));
            using AlpharunClient client = Client(new StubHandler(Throw(failure)));

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(Request()));

            Assert.Equal(ApiErrorKind.TlsHandshakeFailed, e.Kind);
        }

        [Fact]
        public async Task AWindowsPowerShellTrustFailureIsARejectedCertificate()
        {
            // .NET Framework's shape: HttpRequestException over a WebException whose status is TrustFailure.
            var failure = new HttpRequestException("An error occurred while sending the request.",
                new WebException("The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.", WebExceptionStatus.TrustFailure));
            using AlpharunClient client = Client(new StubHandler(Throw(failure)));

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(Request()));

            Assert.Equal(ApiErrorKind.CertificateRejected, e.Kind);
            Assert.Contains("was not sent: The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel. Check -BaseUri;", e.Message);
        }

        [Fact]
        public async Task AnotherWebExceptionIsAConnectionFailure()
        {
            var failure = new HttpRequestException("An error occurred while sending the request.", new WebException("The remote name could not be resolved", WebExceptionStatus.NameResolutionFailure));
            using AlpharunClient client = Client(new StubHandler(Throw(failure)));

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(Request()));

            Assert.Equal(ApiErrorKind.ConnectionFailed, e.Kind);
        }

        [Fact]
        public async Task AFileChangedWhileSentIsAValidationFailureNotAConnectionFailure()
        {
            var failure = new HttpRequestException("Error while copying content to a stream.", new RecordingFileChangedException("The file 'call.wav' changed while it was sent."));
            using AlpharunClient client = Client(new StubHandler(Throw(failure)));

            var e = await Assert.ThrowsAsync<AlpharunValidationException>(() => client.UploadRecordingAsync(Request()));

            Assert.Equal(ValidationErrorKind.FileChanged, e.Kind);
            Assert.Equal("The file 'call.wav' changed while it was sent.", e.Failures[0].Message);
        }

        [Fact]
        public async Task AnAttemptWithNoProgressTimesOutSayingHowLong()
        {
            // The handler never answers; only the watchdog's cancellation ends it.
            using AlpharunClient client = Client(new StubHandler(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); /* never answers: the condition under test */ throw new InvalidOperationException("unreachable"); }));
            client.Timeout = TimeSpan.FromMilliseconds(100);
            RecordingUploadRequest request = Request();

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request).WaitAsync(TimeSpan.FromSeconds(30)));

            Assert.Equal(ApiErrorKind.Timeout, e.Kind);
            Assert.Equal($"The upload of '{request.FilePath}' to https://api.example.test/api/v1 made no progress for {0.1:0.#} s and was cancelled. Send it again (a repeat upload is safe), or raise -TimeoutSec.", e.Message);
            Assert.IsAssignableFrom<OperationCanceledException>(e.InnerException);
        }

        [Fact]
        public async Task AnAnswerResetsTheGatesRunOfConnectionFailures()
        {
            // Budget 2: each upload fails once without an answer, then is answered; were answers not reported, the
            // second upload's failure would be the second in a row and stop the batch.
            var answers = new Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>>(new[]
            {
                Throw(new HttpRequestException("reset")), ReadAndCreate, Throw(new HttpRequestException("reset")), ReadAndCreate,
            });
            using AlpharunClient client = Client(new StubHandler((r, ct) => answers.Dequeue()(r, ct)));
            client.RetryPolicy = new RetryPolicy(1, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));
            client.Gate = new UploadGate(TimeSpan.FromMinutes(1), connectionFailureBudget: 2);

            RecordingUpload first = await client.UploadRecordingAsync(Request(name: "a.wav"));
            RecordingUpload second = await client.UploadRecordingAsync(Request(name: "b.wav"));

            Assert.Equal((2, 2), (first.Attempts, second.Attempts));
            Assert.Null(client.Gate.ClosedBy);
        }
    }
}
