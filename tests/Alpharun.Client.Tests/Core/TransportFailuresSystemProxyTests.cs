using System;
using System.Net;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>One at a time: these tests replace the process-wide WebRequest.DefaultWebProxy (and put it back).</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class DefaultWebProxyCollection
    {
        public const string Name = "WebRequest.DefaultWebProxy";
    }

    /// <summary>
    /// How a proxy refusal names the proxy when the caller chose no address (<see cref="TransportFailures.ProxyRefused"/>):
    /// the environment's proxy for the address, with any user name and password shown as ***, marked "(the system
    /// proxy)"; when the environment names none (or cannot say), the way to the API.
    /// </summary>
    [Collection(DefaultWebProxyCollection.Name)]
    public sealed class TransportFailuresSystemProxyTests : IDisposable
    {
        private static readonly Uri Target = new Uri("https://api.example.test/api/v1/recordings/upload");
        private static readonly RecordingUploadRequest Request = new RecordingUploadRequest("call.wav", "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "bob@client.com") });
        private readonly IWebProxy? _original = WebRequest.DefaultWebProxy;

        public void Dispose() => WebRequest.DefaultWebProxy = _original;

        private sealed class SystemProxy : IWebProxy
        {
            private readonly Func<Uri, Uri?> _route;

            public SystemProxy(Func<Uri, Uri?> route) => _route = route;

            public ICredentials? Credentials { get; set; }

            public Uri? GetProxy(Uri destination) => _route(destination);

            public bool IsBypassed(Uri host) => false;
        }

        private static string ProxyNamed(Func<Uri, Uri?> route, bool viaProxy, AlpharunProxy? proxy = null)
        {
            WebRequest.DefaultWebProxy = new SystemProxy(route);
            var failures = new TransportFailures(new AlpharunConnection(ApiKey.FromPlainText("fake_key_for_tests_0123456789"), new Uri("https://api.example.test/api/v1"), proxy: proxy), viaProxy);
            string message = failures.ProxyRefused(Request, Target).Message;
            const string Lead = "The proxy ";
            const string Tail = " asked for credentials (HTTP 407)";
            Assert.StartsWith(Lead, message);
            return message.Substring(Lead.Length, message.IndexOf(Tail, StringComparison.Ordinal) - Lead.Length);
        }

        [Fact]
        public void TheSystemProxyForTheAddressIsNamedWithItsPasswordHidden()
        {
            Assert.Equal("http://***@proxy.example.test:3128/ (the system proxy)", ProxyNamed(_ => new Uri("http://corp-user:fake-password@proxy.example.test:3128/"), viaProxy: true));
        }

        [Fact]
        public void TheSystemProxyIsNamedForTheEnvironmentsProxyAnsweredWithTheSignedInUser()
        {
            WebRequest.DefaultWebProxy = new SystemProxy(_ => new Uri("http://proxy.example.test:3128/"));
            var failures = new TransportFailures(new AlpharunConnection(ApiKey.FromPlainText("fake_key_for_tests_0123456789"), new Uri("https://api.example.test/api/v1"), proxy: AlpharunProxy.FromEnvironment()), true);

            Assert.Equal("The proxy http://proxy.example.test:3128/ (the system proxy) asked for credentials (HTTP 407), so 'call.wav' did not reach the Alpharun API. It refused the signed-in user's credentials (-ProxyUseDefaultCredentials): check that this account may use it, or pass -ProxyCredential. Nothing was sent to the API; a rerun is safe.",
                failures.ProxyRefused(Request, Target).Message);
        }

        [Fact]
        public void ASystemProxyThatSendsTheAddressDirectIsNotNamed()
        {
            // GetProxy answers the address itself when it bypasses the proxy.
            Assert.Equal("on the way to the API (the system proxy)", ProxyNamed(target => target, viaProxy: true));
        }

        [Theory]
        [InlineData(true, "on the way to the API (the system proxy)")]
        [InlineData(false, "on the way to the API")]
        public void WithoutASystemProxyTheWayToTheApiIsNamed(bool viaProxy, string named)
        {
            Assert.Equal(named, ProxyNamed(_ => null, viaProxy));
        }

        [Theory]
        [InlineData("InvalidOperation")]
        [InlineData("NotSupported")]
        [InlineData("Argument")]
        public void ASystemProxyThatCannotSayIsNamedGenerically(string failure)
        {
            Exception e = failure == "InvalidOperation" ? new InvalidOperationException("no proxy settings")
                : failure == "NotSupported" ? new NotSupportedException("no proxy settings")
                : new ArgumentException("no proxy settings");

            Assert.Equal("on the way to the API (the system proxy)", ProxyNamed(_ => throw e, viaProxy: true));
        }
    }
}
