using System;
using System.IO;
using System.Net.Http;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// The last word before an upload's failure leaves the client (<see cref="KeyMasking"/>): a failure in which no text
    /// reveals the key is handed on as it is; one whose message, API message, request id or any inner exception's
    /// message (inside an AggregateException too) quotes the key becomes a masked copy that keeps everything else. A key
    /// shorter than <see cref="ServerText.KeyWindow"/> is no real key and is left alone. The keys are obvious fakes.
    /// </summary>
    public class KeyMaskingTests
    {
        private const string Key = "fake_key_for_tests_0123456789";
        private static readonly ApiKey ApiKey = ApiKey.FromPlainText(Key);
        private static readonly TimeSpan Wait = TimeSpan.FromSeconds(7);

        private static AlpharunApiException Failure(string message, string? apiMessage = "quota exceeded", string? requestId = "req-42", Exception? inner = null) =>
            new AlpharunApiException(ApiErrorKind.RateLimited, message, 429, apiMessage, inner, Wait, requestId) { Attempts = 3 };

        /// <summary>No 8-character piece of the key, in any case, in anything the failure shows.</summary>
        private static void AssertNoPieceOfTheKey(Exception e)
        {
            string everything = e.ToString();
            if (e is AlpharunApiException api) everything += "\n" + api.ApiMessage + "\n" + api.RequestId;
            for (Exception? inner = e.InnerException; inner != null; inner = inner.InnerException) everything += "\n" + inner.Message + "\n" + inner;
            for (int start = 0; start + ServerText.KeyWindow <= Key.Length; start++)
            {
                Assert.DoesNotContain(Key.Substring(start, ServerText.KeyWindow), everything, StringComparison.OrdinalIgnoreCase);
            }
        }

        private static void AssertKeptAllButTheText(AlpharunApiException original, AlpharunApiException copy)
        {
            Assert.NotSame(original, copy);
            Assert.Equal((ApiErrorKind.RateLimited, (int?)429, (TimeSpan?)Wait, 3), (copy.Kind, copy.StatusCode, copy.RetryAfter, copy.Attempts));
        }

        [Fact]
        public void AFailureThatRevealsNothingIsHandedOnItself()
        {
            var inner = new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer"));
            var failure = Failure("The upload of 'call.wav' failed: the API said: quota exceeded. Request id: req-42.", inner: inner);

            Assert.Same(failure, KeyMasking.Mask(failure, ApiKey));
        }

        [Fact]
        public void AFailureWithoutApiMessageRequestIdOrInnerExceptionThatRevealsNothingIsHandedOnItself()
        {
            var failure = Failure("The upload of 'call.wav' timed out.", apiMessage: null, requestId: null);

            Assert.Same(failure, KeyMasking.Mask(failure, ApiKey));
        }

        [Fact]
        public void AFailureWhoseMessageQuotesTheKeyIsCopiedWithTheKeyMasked()
        {
            var inner = new IOException("Connection reset by peer");
            var failure = Failure("The API refused the key " + Key + ".", inner: inner);

            AlpharunApiException masked = KeyMasking.Mask(failure, ApiKey);

            AssertKeptAllButTheText(failure, masked);
            Assert.Equal("The API refused the key ***.", masked.Message);
            Assert.Equal(("quota exceeded", "req-42"), (masked.ApiMessage, masked.RequestId));
            Assert.Same(inner, masked.InnerException);
            AssertNoPieceOfTheKey(masked);
        }

        [Fact]
        public void AFailureWhoseApiMessageQuotesTheKeyIsCopiedWithTheKeyMasked()
        {
            // The message says nothing of it: only the API's own message, as a caller reading ApiMessage would see it.
            var failure = Failure("The upload of 'call.wav' was refused (HTTP 429).", apiMessage: "unknown key " + Key.ToUpperInvariant());

            AlpharunApiException masked = KeyMasking.Mask(failure, ApiKey);

            AssertKeptAllButTheText(failure, masked);
            Assert.Equal("The upload of 'call.wav' was refused (HTTP 429).", masked.Message);
            Assert.Equal("unknown key ***", masked.ApiMessage);
            Assert.Equal("req-42", masked.RequestId);
            AssertNoPieceOfTheKey(masked);
        }

        [Fact]
        public void AFailureWhoseRequestIdQuotesTheKeyIsCopiedWithTheKeyMasked()
        {
            var failure = Failure("The upload of 'call.wav' was refused (HTTP 429).", requestId: "req-" + Key.Substring(3, ServerText.KeyWindow) + "-9");

            AlpharunApiException masked = KeyMasking.Mask(failure, ApiKey);

            AssertKeptAllButTheText(failure, masked);
            Assert.Equal("req-***-9", masked.RequestId);
            Assert.Equal("quota exceeded", masked.ApiMessage);
            AssertNoPieceOfTheKey(masked);
        }

        [Fact]
        public void AMaskedCopyKeepsAMissingApiMessageAndRequestIdMissing()
        {
            var failure = Failure("Bearer " + Key, apiMessage: null, requestId: null);

            AlpharunApiException masked = KeyMasking.Mask(failure, ApiKey);

            Assert.Equal(("Bearer ***", (string?)null, (string?)null), (masked.Message, masked.ApiMessage, masked.RequestId));
        }

        [Fact]
        public void AFailureWhoseInnerExceptionQuotesTheKeyGetsAMaskedCopyOfTheChain()
        {
            var failure = Failure("The upload of 'call.wav' failed.", inner: new HttpRequestException("An error occurred while sending the request.",
                new IOException("Unable to read data from the transport connection: " + Key)));

            AlpharunApiException masked = KeyMasking.Mask(failure, ApiKey);

            AssertKeptAllButTheText(failure, masked);
            Assert.Equal("The upload of 'call.wav' failed.", masked.Message);
            var copy = Assert.IsType<MaskedException>(masked.InnerException);
            Assert.Equal("System.Net.Http.HttpRequestException: An error occurred while sending the request. ---> System.IO.IOException: Unable to read data from the transport connection: ***", copy.ToString());
            AssertNoPieceOfTheKey(masked);
        }

        [Fact]
        public void AKeyQuotedDeepInsideAnAggregateExceptionIsFound()
        {
            // The aggregate's message names its inner exceptions' messages, not theirs inner: the key is one level further down.
            var aggregate = new AggregateException("Several attempts failed.",
                new IOException("first: connection reset"),
                new HttpRequestException("second: no answer", new IOException("the server said: " + Key)));
            var failure = Failure("The upload of 'call.wav' failed.", inner: aggregate);

            AlpharunApiException masked = KeyMasking.Mask(failure, ApiKey);

            var copy = Assert.IsType<MaskedException>(masked.InnerException);
            Assert.Equal("System.AggregateException", copy.OriginalType);
            AssertNoPieceOfTheKey(masked);
        }

        [Fact]
        public void AnAggregateExceptionOfFailuresThatRevealNothingIsHandedOnItself()
        {
            var aggregate = new AggregateException("Several attempts failed.",
                new IOException("first: connection reset"),
                new HttpRequestException("second: no answer", new IOException("the server said nothing")));

            Assert.Same(aggregate, KeyMasking.MaskChain(aggregate, ApiKey));
        }

        [Fact]
        public void ACopiedAggregateExceptionShowsItsOwnMessageAndItsFirstFailureAndNoPieceOfTheKey()
        {
            var aggregate = new AggregateException("Several attempts failed.",
                new IOException("first: connection reset"),
                new HttpRequestException("second: " + Key.Substring(10, ServerText.KeyWindow)));

            Exception? copy = KeyMasking.MaskChain(aggregate, ApiKey);

            Assert.Equal("System.AggregateException: Several attempts failed. (first: connection reset) (second: ***) ---> System.IO.IOException: first: connection reset", Assert.IsType<MaskedException>(copy).ToString());
        }

        [Fact]
        public void NoExceptionStaysNone()
        {
            Assert.Null(KeyMasking.MaskChain(null, ApiKey));
        }

        [Fact]
        public void AKeyShorterThanTheWindowIsLeftToTheServerText()
        {
            // "fake123" (7 characters) is no real key: masking it everywhere would only garble the module's own words.
            ApiKey shortKey = ApiKey.FromPlainText("fake123");
            var inner = new IOException("echo fake123");
            var failure = Failure("echo fake123", apiMessage: "echo fake123", requestId: "fake123", inner: inner);

            Assert.Same(failure, KeyMasking.Mask(failure, shortKey));
            Assert.Same(inner, KeyMasking.MaskChain(inner, shortKey));
        }

        [Fact]
        public void AKeyOfExactlyTheWindowIsMaskedInTheFailureAndItsChain()
        {
            ApiKey windowKey = ApiKey.FromPlainText("fake1234");
            Assert.Equal(ServerText.KeyWindow, windowKey.Length);
            var inner = new IOException("echo fake1234");
            var failure = Failure("echo fake1234", inner: inner);

            AlpharunApiException masked = KeyMasking.Mask(failure, windowKey);

            Assert.Equal("echo ***", masked.Message);
            Assert.Equal("System.IO.IOException: echo ***", Assert.IsType<MaskedException>(masked.InnerException).ToString());
            Assert.Equal("echo ***", Assert.IsType<MaskedException>(KeyMasking.MaskChain(inner, windowKey)).Message);
        }
    }
}
