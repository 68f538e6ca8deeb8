using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests.Security
{
    /// <summary>
    /// Every text of a failure that reaches the user — its message, the API's message, the request id and every inner
    /// exception, as ToString() shows them — holds no 8-character piece of the key, wherever the server or .NET put it:
    /// a JSON property name in a success body (the parser quotes it), far into an invalid status line (past the 1000
    /// characters a message keeps), or disguised by invisible characters or full-width letters. In-memory handlers only.
    /// </summary>
    public sealed class KeyInFailuresTests : IDisposable
    {
        private const string Key = "sk_live_MASKCANARY_0123qrst4567uvwxXYZ";
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private sealed class Answering : HttpMessageHandler
        {
            private readonly Func<HttpResponseMessage> _answer;

            public Answering(Func<HttpResponseMessage> answer) => _answer = answer;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                await request.Content!.ReadAsByteArrayAsync(cancellationToken);
                return _answer();
            }
        }

        private sealed class Failing : HttpMessageHandler
        {
            private readonly Exception _failure;

            public Failing(Exception failure) => _failure = failure;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromException<HttpResponseMessage>(_failure);
        }

        private async Task<AlpharunApiException> FailureOf(HttpMessageHandler handler)
        {
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText(Key), new Uri("https://api.example.test/api/v1")), null, handler)
            {
                RetryPolicy = RetryPolicy.None,
            };
            var request = new RecordingUploadRequest(_files.Create("call.wav", 2048), "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "bob@client.com") });
            return await Assert.ThrowsAsync<AlpharunApiException>(() => client.UploadRecordingAsync(request));
        }

        /// <summary>No 8-character piece of the key, in any case, in any text of the failure.</summary>
        private static void AssertNoPieceOfTheKey(AlpharunApiException e)
        {
            string everything = string.Join("\n", e.ToString(), e.ApiMessage, e.RequestId);
            for (Exception? inner = e.InnerException; inner != null; inner = inner.InnerException) everything += "\n" + inner.Message + "\n" + inner;
            for (int start = 0; start + 8 <= Key.Length; start++)
            {
                Assert.DoesNotContain(Key.Substring(start, 8), everything, StringComparison.OrdinalIgnoreCase);
            }
        }

        [Fact]
        public async Task AKeyUsedAsAPropertyNameInASuccessBodyIsMaskedInTheParsersMessage()
        {
            // System.Text.Json's message: "'}' is an invalid start of a value. Path: $.data.<name> | LineNumber: ...".
            var e = await FailureOf(new Answering(() => new HttpResponseMessage(HttpStatusCode.Created)
            {
                Content = new StringContent("{\"data\":{\"" + Key + "\":[}}", Encoding.UTF8, "application/json"),
            }));

            Assert.Equal(ApiErrorKind.InvalidResponse, e.Kind);
            Assert.Contains("Path: $.data.*** | LineNumber", e.Message);
            Assert.Null(e.InnerException);
            AssertNoPieceOfTheKey(e);
        }

        [Fact]
        public async Task AKeyMoreThanAThousandCharactersIntoAnInvalidStatusLineIsMaskedInTheKeptException()
        {
            // .NET quotes the line it could not parse; the message keeps 1000 characters of it, the kept exception all.
            string line = "HTTP/1.1 2x0 " + new string('x', 1200) + " Bearer " + Key;
            var e = await FailureOf(new Failing(new HttpRequestException($"Received an invalid status line: '{line}'.")));

            Assert.Equal(ApiErrorKind.ConnectionFailed, e.Kind);
            var masked = Assert.IsType<MaskedException>(e.InnerException);
            Assert.Equal("System.Net.Http.HttpRequestException", masked.OriginalType);
            Assert.EndsWith(" Bearer ***'.", masked.Message);
            AssertNoPieceOfTheKey(e);
        }

        [Fact]
        public async Task AKeyInAnInnerExceptionOnlyIsMaskedThere()
        {
            var e = await FailureOf(new Failing(new HttpRequestException("An error occurred while sending the request.",
                new System.IO.IOException("Unable to read data from the transport connection: " + Key.ToUpperInvariant()))));

            var masked = Assert.IsType<MaskedException>(e.InnerException);
            Assert.Equal("An error occurred while sending the request.", masked.Message);
            Assert.Equal("Unable to read data from the transport connection: ***", masked.InnerException!.Message);
            AssertNoPieceOfTheKey(e);
        }

        [Theory]
        [InlineData("\u200B")]
        [InlineData("\u00AD")]
        public async Task AKeySplitByInvisibleCharactersInAnErrorBodyIsMasked(string invisible)
        {
            string split = string.Join(invisible, Key.ToCharArray());
            var e = await FailureOf(new Answering(() => new HttpResponseMessage((HttpStatusCode)422)
            {
                Content = new StringContent("{\"message\":\"bad key " + split + "\"}", Encoding.UTF8, "application/json"),
            }));

            Assert.Equal("bad key ***", e.ApiMessage);
            AssertNoPieceOfTheKey(e);
        }

        [Fact]
        public async Task AKeyInFullWidthLettersInAnErrorBodyIsMasked()
        {
            string wide = new string(Array.ConvertAll(Key.ToCharArray(), c => c >= '!' && c <= '~' ? (char)(c - '!' + 0xFF01) : c));
            var e = await FailureOf(new Answering(() => new HttpResponseMessage((HttpStatusCode)500)
            {
                Content = new StringContent("{\"message\":\"echo " + wide + "\"}", Encoding.UTF8, "application/json"),
            }));

            Assert.Equal("echo ***", e.ApiMessage);
            Assert.Contains("The API said: echo ***", e.Message);
        }

        [Fact]
        public async Task AKeyInARequestIdHeaderIsMasked()
        {
            var e = await FailureOf(new Answering(() =>
            {
                var answer = new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("") };
                answer.Headers.TryAddWithoutValidation("X-Request-Id", "req-" + Key);
                return answer;
            }));

            Assert.Equal("req-***", e.RequestId);
            Assert.EndsWith(" Request id: req-***.", e.Message);
        }
    }
}
