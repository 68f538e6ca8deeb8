using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests.Security
{
    /// <summary>
    /// The client core's transport rules: where the key may go, how much of an answer is read, and what a file
    /// that changes between attempts becomes. Nothing here sends to a non-loopback address: connections are only
    /// constructed, and the HTTP tests use an in-memory handler.
    /// </summary>
    public sealed class TransportRulesTests : IDisposable
    {
        private const string Key = "sk_transport_rules_key";
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        [Theory]
        [InlineData("http://192.0.2.1/")]
        [InlineData("http://192.0.2.1:8080/api/v1")]
        [InlineData("http://10.0.0.1/api/v1")]
        [InlineData("http://0.0.0.0/api/v1")]
        [InlineData("http://127.0.0.1.example.test/api/v1")]
        [InlineData("http://localhost.example.test/api/v1")]
        public void PlainHttpToANonLoopbackAddressIsRefused(string baseUri)
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => new AlpharunConnection(ApiKey.FromPlainText(Key), new Uri(baseUri)));

            Assert.Equal("baseUri", e.ParamName);
            Assert.Contains($"The base URI '{new Uri(baseUri)}' is plain http, which would send the API key unencrypted.", e.Message);
            Assert.Contains("-AllowUnencryptedAuthentication", e.Message);
            Assert.DoesNotContain(Key, e.ToString());
        }

        [Fact]
        public void AllowUnencryptedAuthenticationAcceptsPlainHttpWithoutSendingAnything()
        {
            var connection = new AlpharunConnection(ApiKey.FromPlainText(Key), new Uri("http://192.0.2.1/"), allowUnencryptedAuthentication: true);

            Assert.True(connection.AllowsUnencryptedAuthentication);
            Assert.Equal("http://192.0.2.1/recordings/upload", connection.UploadUri.AbsoluteUri);
            Assert.Equal("***", connection.ApiKey.ToString());
        }

        [Theory]
        [InlineData("https://192.0.2.1/api/v1")]
        [InlineData("https://192.0.2.1:8443/")]
        [InlineData("http://127.0.0.1:1/api/v1")]
        [InlineData("http://127.255.255.254/")]
        [InlineData("http://[::1]:8080/api/v1")]
        [InlineData("http://localhost/api/v1")]
        [InlineData("http://LocalHost:1/")]
        public void HttpsAndPlainHttpToLoopbackAreAccepted(string baseUri)
        {
            var connection = new AlpharunConnection(ApiKey.FromPlainText(Key), new Uri(baseUri));

            Assert.Equal(new Uri(baseUri), connection.BaseUri);
            Assert.False(connection.AllowsUnencryptedAuthentication);
        }

        [Theory]
        [InlineData("ftp://127.0.0.1/api/v1")]
        [InlineData("file:///tmp/api")]
        [InlineData("ws://127.0.0.1/api/v1")]
        public void OtherSchemesAreRefused(string baseUri)
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => new AlpharunConnection(ApiKey.FromPlainText(Key), new Uri(baseUri), allowUnencryptedAuthentication: true));
            Assert.Contains("is not an absolute http(s) address", e.Message);
        }

        [Fact]
        public void RelativeBaseUriIsRefused()
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => new AlpharunConnection(ApiKey.FromPlainText(Key), new Uri("api/v1", UriKind.Relative)));
            Assert.Contains("is not an absolute http(s) address", e.Message);
        }

        [Fact]
        public void DebugDescriptionOfARequestMasksTheKeyAndHoldsNoBody()
        {
            string file = _files.Create("call.wav", 4096);
            var connection = new AlpharunConnection(ApiKey.FromPlainText(Key), new Uri("https://api.example.test/api/v1"));
            var request = new RecordingUploadRequest(file, "ana@acme.com", new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.Zero),
                new[] { new Contact(email: "bob@client.com", firstName: "Bob", customFields: new[] { new CustomField("secret_note", "do-not-log") }) });

            string description = UploadRequestDescription.Describe(request, connection, "UA/1", 4096);

            Assert.Equal(
                "POST https://api.example.test/api/v1/recordings/upload | Authorization: Bearer *** | User-Agent: UA/1 | Content-Type: multipart/form-data"
                + " | parts: audio (call.wav, audio/wav, 4096 bytes), teammate_email (12 bytes), recorded_at (2024-01-15T14:30:00+00:00), contacts (1 contact(s), 108 bytes of JSON)",
                description);
            Assert.Equal("***", connection.ApiKey.ToString());
            Assert.Equal("https://api.example.test/api/v1", connection.ToString());
        }

        [Fact]
        public async Task HugeSuccessBodyIsInvalidResponseAfterReadingAtMostTheBound()
        {
            var body = new GeneratedBody(50L * 1024 * 1024, "{\"data\":{\"recording\":{\"note\":\"", (byte)'a');
            using var response = new HttpResponseMessage(HttpStatusCode.Created) { Content = new StreamContent(body) };

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => UploadResponseReader.ReadAsync(response, Request("/x/call.wav"), CancellationToken.None));

            Assert.Equal(ApiErrorKind.InvalidResponse, e.Kind);
            Assert.Equal(201, e.StatusCode);
            Assert.StartsWith("The API answered HTTP 201 (created) to the upload of '/x/call.wav' with a body larger than 1 MiB instead of the expected JSON. It answered success, so it probably holds the recording:", e.Message);
            Assert.InRange(body.BytesRead, UploadResponseReader.MaxSuccessBodyBytes + 1, UploadResponseReader.MaxSuccessBodyBytes + 64 * 1024);
        }

        [Fact]
        public async Task SuccessDeclaringMoreThanTheBoundIsInvalidResponseWithoutReadingAByte()
        {
            // The body itself is a valid answer: only its declared Content-Length, one byte over 1 MiB, refuses it.
            string json = "{\"data\":{\"recording\":{\"id\":\"0b8c4f5e-1111-4a2b-9c3d-444455556666\"}}}";
            var body = new GeneratedBody(json.Length, json, (byte)' ');
            using var response = new HttpResponseMessage(HttpStatusCode.Created) { Content = new StreamContent(body) };
            response.Content.Headers.ContentLength = UploadResponseReader.MaxSuccessBodyBytes + 1L;

            var e = await Assert.ThrowsAsync<AlpharunApiException>(() => UploadResponseReader.ReadAsync(response, Request("/x/call.wav"), CancellationToken.None));

            Assert.Equal(ApiErrorKind.InvalidResponse, e.Kind);
            Assert.StartsWith("The API answered HTTP 201 (created) to the upload of '/x/call.wav' with a body larger than 1 MiB instead of the expected JSON. It answered success, so it probably holds the recording:", e.Message);
            Assert.Equal(0, body.BytesRead);
        }

        [Theory]
        [InlineData(0, true)]
        [InlineData(1, false)]
        public async Task SuccessBodyUpToTheBoundIsReadAndOneByteMoreIsNot(int over, bool readable)
        {
            string json = "{\"data\":{\"recording\":{\"id\":\"0b8c4f5e-1111-4a2b-9c3d-444455556666\"}}}";
            // Whitespace padding keeps it valid JSON at any length.
            byte[] bytes = Encoding.UTF8.GetBytes(json + new string(' ', UploadResponseReader.MaxSuccessBodyBytes + over - json.Length));
            using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };

            Task<(RecordingUploadStatus, Guid)> reading = UploadResponseReader.ReadAsync(response, Request("/x/call.wav"), CancellationToken.None);

            if (readable)
            {
                Assert.Equal((RecordingUploadStatus.AlreadyExisted, Guid.Parse("0b8c4f5e-1111-4a2b-9c3d-444455556666")), await reading);
            }
            else
            {
                Assert.Equal(ApiErrorKind.InvalidResponse, (await Assert.ThrowsAsync<AlpharunApiException>(() => reading)).Kind);
            }
        }

        [Fact]
        public async Task SuccessBodyWithAByteOrderMarkIsRead()
        {
            byte[] bytes = Encoding.UTF8.GetPreamble();
            bytes = [.. bytes, .. Encoding.UTF8.GetBytes("{\"data\":{\"recording\":{\"id\":\"0b8c4f5e-1111-4a2b-9c3d-444455556666\"}}}")];
            using var response = new HttpResponseMessage(HttpStatusCode.Created) { Content = new ByteArrayContent(bytes) };

            Assert.Equal(Guid.Parse("0b8c4f5e-1111-4a2b-9c3d-444455556666"), (await UploadResponseReader.ReadAsync(response, Request("/x/call.wav"), CancellationToken.None)).RecordingId);
        }

        [Fact]
        public async Task FileThatVanishesBeforeARetryIsFileChangedAndIsNotSentAgain()
        {
            string file = _files.Create("call.wav", 4096);
            var handler = new VanishingHandler(file);
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText(Key), new Uri("https://api.example.test/api/v1")), null, handler)
            {
                RetryPolicy = new RetryPolicy(maxRetries: 2, baseDelay: TimeSpan.FromMilliseconds(1)),
            };

            var e = await Assert.ThrowsAsync<AlpharunValidationException>(() => client.UploadRecordingAsync(Request(file)));

            Assert.Equal(ValidationErrorKind.FileChanged, e.Kind);
            Assert.Equal("audio", e.Failures[0].Field);
            Assert.StartsWith($"The file '{file}' could not be read to be sent: ", e.Message);
            Assert.Equal(1, handler.Requests);
        }

        [UnixFact]
        public void SymbolicLinkToAMissingFileIsFileNotFound()
        {
            string link = Path.Combine(_files.Folder, "dangling.wav");
            File.CreateSymbolicLink(link, Path.Combine(_files.Folder, "gone.wav"));

            IReadOnlyList<ValidationFailure> failures = RecordingUploadValidator.Validate(Request(link));

            ValidationFailure failure = Assert.Single(failures);
            Assert.Equal(ValidationErrorKind.FileNotFound, failure.Kind);
            Assert.Equal($"The audio file '{link}' does not exist (it is a link to a missing file). Check the path.", failure.Message);
        }

        private static RecordingUploadRequest Request(string path) =>
            new RecordingUploadRequest(path, "ana@acme.com", new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.Zero), new[] { new Contact(email: "bob@client.com") });

        /// <summary>Answers 503 to the first upload after reading its body and deleting the file, as if it was moved away meanwhile.</summary>
        private sealed class VanishingHandler : HttpMessageHandler
        {
            private readonly string _file;

            public VanishingHandler(string file) => _file = file;

            public int Requests { get; private set; }

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Requests++;
                await request.Content!.ReadAsByteArrayAsync(cancellationToken);
                File.Delete(_file);
                return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{\"message\":\"busy\"}") };
            }
        }

        /// <summary>A body of <c>length</c> bytes made on demand (a prefix, then filler), counting what was read.</summary>
        private sealed class GeneratedBody : Stream
        {
            private readonly long _length;
            private readonly byte[] _prefix;
            private readonly byte _filler;

            public GeneratedBody(long length, string prefix, byte filler)
            {
                _length = length;
                _prefix = Encoding.ASCII.GetBytes(prefix);
                _filler = filler;
            }

            public long BytesRead { get; private set; }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = (int)Math.Min(count, _length - BytesRead);
                for (int i = 0; i < n; i++)
                {
                    long at = BytesRead + i;
                    buffer[offset + i] = at < _prefix.Length ? _prefix[at] : _filler;
                }
                BytesRead += n;
                return n;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
