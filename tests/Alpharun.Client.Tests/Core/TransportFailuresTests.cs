using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// What a failure on the way to the API becomes (<see cref="TransportFailures"/>): a proxy's 407 found anywhere in the
    /// exception chain, the fix a proxy refusal names for the credentials given, a rejected certificate's reason, and a
    /// failure that gave no reason. No request is sent: the exceptions are made here.
    /// </summary>
    public class TransportFailuresTests
    {
        private const string Key = "fake_key_for_tests_0123456789";
        private static readonly Uri BaseUri = new Uri("https://api.example.test/api/v1");
        private static readonly Uri Proxy = new Uri("http://proxy.example.test:3128");
        private static readonly RecordingUploadRequest Request = new RecordingUploadRequest("call.wav", "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "bob@client.com") });

        private static TransportFailures Failures(AlpharunProxy? proxy = null, bool viaProxy = true) =>
            new TransportFailures(new AlpharunConnection(ApiKey.FromPlainText(Key), BaseUri, proxy: proxy), viaProxy);

        private static HttpRequestMessage Message() => new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri.AbsoluteUri + "/recordings/upload"));

        private static string Refusal(string proxy, string fix) =>
            $"The proxy {proxy} asked for credentials (HTTP 407), so 'call.wav' did not reach the Alpharun API. {fix} Nothing was sent to the API; a rerun is safe.";

        [Theory]
        [InlineData("The proxy tunnel request to proxy 'http://proxy.example.test:3128/' failed with status code '407'.")]
        [InlineData("Proxy tunnel refused with status code '407'.")]
        [InlineData("'407' came back from the proxy.")]
        public void AnHttpRequestExceptionNamingTheProxyAnd407IsAProxyRefusal(string message)
        {
            Assert.Equal(407, TransportFailures.ProxyStatusOf(new HttpRequestException(message)));
        }

        [Theory]
        [InlineData("The proxy tunnel request to proxy 'http://proxy.example.test:3128/' failed with status code '403'.")]
        [InlineData("The server answered with status code '407'.")]
        [InlineData("Connection refused (api.example.test:443)")]
        public void AnHttpRequestExceptionThatDoesNotNameBothTheProxyAnd407IsNoProxyRefusal(string message)
        {
            Assert.Null(TransportFailures.ProxyStatusOf(new HttpRequestException(message)));
        }

        [Fact]
        public void AnHttpRequestExceptionWhoseStatusCodeIs407IsAProxyRefusalWhateverItsMessage()
        {
            var e = new HttpRequestException("Response status code does not indicate success: 407 (Proxy Authentication Required).", null, HttpStatusCode.ProxyAuthenticationRequired);

            Assert.Equal(407, TransportFailures.ProxyStatusOf(e));
        }

        [Fact]
        public void AnHttpRequestExceptionWithAnotherStatusCodeIsNoProxyRefusal()
        {
            Assert.Null(TransportFailures.ProxyStatusOf(new HttpRequestException("Forbidden.", null, HttpStatusCode.Forbidden)));
        }

        [Fact]
        public void AProxyRefusalInsideTheChainIsFound()
        {
            var e = new IOException("The upload failed.", new HttpRequestException("Tunnel failed.", null, HttpStatusCode.ProxyAuthenticationRequired));

            Assert.Equal(407, TransportFailures.ProxyStatusOf(e));
        }

        [Fact]
        public void OnlyAnHttpRequestExceptionsMessageCanSayItWasAProxyRefusal()
        {
            Assert.Null(TransportFailures.ProxyStatusOf(new IOException("The proxy tunnel request to proxy 'http://proxy.example.test:3128/' failed with status code '407'.")));
        }

        [Fact]
        public void AProxyThatRefusedTheCredentialGivenSaysToCheckTheUserNameAndPassword()
        {
            var failures = Failures(new AlpharunProxy(Proxy, new NetworkCredential("proxy-user", "fake-password")));

            AlpharunApiException e = failures.ProxyRefused(Request, BaseUri, null, "req-7");

            Assert.Equal(Refusal("http://proxy.example.test:3128/", "It refused the -ProxyCredential given: check the user name and password."), e.Message);
            Assert.Equal((ApiErrorKind.ProxyAuthenticationRequired, (int?)407, "req-7"), (e.Kind, e.StatusCode, e.RequestId));
        }

        [Fact]
        public void AProxyThatRefusedTheSignedInUserSaysToCheckTheAccountOrPassACredential()
        {
            var failures = Failures(new AlpharunProxy(Proxy, useDefaultCredentials: true));

            AlpharunApiException e = failures.ProxyRefused(Request, BaseUri);

            Assert.Equal(Refusal("http://proxy.example.test:3128/", "It refused the signed-in user's credentials (-ProxyUseDefaultCredentials): check that this account may use it, or pass -ProxyCredential."), e.Message);
        }

        [Fact]
        public void AProxyGivenNoCredentialsSaysHowToPassThem()
        {
            var failures = Failures(new AlpharunProxy(Proxy));

            AlpharunApiException e = failures.ProxyRefused(Request, BaseUri);

            Assert.Equal(Refusal("http://proxy.example.test:3128/", "Pass -ProxyUseDefaultCredentials to send the signed-in user's credentials (Windows sign-in, NTLM or Kerberos), or -ProxyCredential (Get-Credential) with the proxy's user name and password."), e.Message);
        }

        [Fact]
        public void AFailureWhoseMessagesAreBlankGivesNoReason()
        {
            Assert.Equal("no reason was given.", Failures().Describe(new IOException(" ", new Exception("\r\n"))));
        }

        [Fact]
        public void AFailureIsDescribedByEachMessageOfItsChainOnce()
        {
            var e = new HttpRequestException("Connection refused (api.example.test:443)", new IOException("Connection refused"));

            Assert.Equal("Connection refused (api.example.test:443).", Failures().Describe(e));
        }

        [Fact]
        public void AnAuthenticationExceptionStartingWithCertificateIsACertificateFailure()
        {
            var rejected = new AuthenticationException("Certificate rejected: RemoteCertificateNameMismatch");

            Assert.Same(rejected, TransportFailures.FindCertificateFailure(new HttpRequestException("The SSL connection could not be established.", rejected)));
        }

        [Fact]
        public void ACertificateRejectedByTheModulesCheckIsNamedByItsCheckNotByDotNet()
        {
            HttpRequestMessage message = Message();
            Assert.False(CertificateCheck.Accept(message, null, null, SslPolicyErrors.RemoteCertificateNameMismatch));
            var e = new HttpRequestException("The SSL connection could not be established, see inner exception.",
                new AuthenticationException("The remote certificate was rejected by the provided RemoteCertificateValidationCallback."));

            AlpharunApiException failure = Failures().BeforeAnswer(e, message, Request);

            Assert.Equal(ApiErrorKind.CertificateRejected, failure.Kind);
            Assert.Equal("The certificate of api.example.test was rejected, so 'call.wav' was not sent: RemoteCertificateNameMismatch. Check -BaseUri; if a proxy or security product on this network inspects TLS, its root certificate must be trusted on this machine. Nothing was sent, and it is not retried.", failure.Message);
        }

        [Fact]
        public void ACertificateFailureWithoutAMessageSaysTheCertificateIsNotValid()
        {
            AlpharunApiException failure = Failures().BeforeAnswer(new WebException("", WebExceptionStatus.TrustFailure), Message(), Request);

            Assert.Equal("The certificate of api.example.test was rejected, so 'call.wav' was not sent: the certificate is not valid. Check -BaseUri; if a proxy or security product on this network inspects TLS, its root certificate must be trusted on this machine. Nothing was sent, and it is not retried.", failure.Message);
        }
    }
}
