using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using Xunit;

// ServicePointManager is what .NET Framework reads and .NET keeps only for compatibility: read here on purpose.
#pragma warning disable SYSLIB0014

namespace Alpharun.Tests
{
    /// <summary>
    /// The handler the client builds, read back for the runtime it is built for (issue 19): Windows PowerShell 5.1 runs
    /// the same core on .NET Framework, where HttpClientHandler falls back to process-wide ServicePointManager settings
    /// for whatever the handler leaves unset. Nothing here runs .NET Framework; the description of it is what changes.
    /// </summary>
    public class AlpharunHandlerTests
    {
        private static readonly TransportPlatform Framework = new TransportPlatform(isNetFramework: true, offersTls13: true);
        private static readonly TransportPlatform OldWindowsFramework = new TransportPlatform(isNetFramework: true, offersTls13: false);
        private static readonly TransportPlatform DotNet = new TransportPlatform(isNetFramework: false, offersTls13: true);

        [Fact]
        public void OnDotNetFrameworkTheHandlerAsksForTls12And13ItselfWhereTheSystemHas13()
        {
            using HttpClientHandler handler = AlpharunHandler.Create(Framework, useProxy: true, null);

            Assert.Equal(SslProtocols.Tls12 | TransportPlatform.Tls13, handler.SslProtocols);
        }

        [Fact]
        public void OnDotNetFrameworkOnAWindowsWithoutTls13TheHandlerAsksForTls12Alone()
        {
            // Asking an older SChannel for TLS 1.3 fails every handshake.
            using HttpClientHandler handler = AlpharunHandler.Create(OldWindowsFramework, useProxy: true, null);

            Assert.Equal(SslProtocols.Tls12, handler.SslProtocols);
        }

        [Fact]
        public void OnDotNetTheSystemChoosesTheTlsVersion()
        {
            using HttpClientHandler handler = AlpharunHandler.Create(DotNet, useProxy: true, null);

            Assert.Equal(SslProtocols.None, handler.SslProtocols);
        }

        [Fact]
        public void TheCurrentPlatformIsDotNetHere() =>
            Assert.False(TransportPlatform.Current.IsNetFramework);

        [Fact]
        public void BuildingTheHandlerChangesNoProcessWideSetting()
        {
            SecurityProtocolType protocols = ServicePointManager.SecurityProtocol;
            RemoteCertificateValidationCallback? callback = ServicePointManager.ServerCertificateValidationCallback;

            using HttpClientHandler handler = AlpharunHandler.Create(Framework, useProxy: true, null);

            Assert.Equal(protocols, ServicePointManager.SecurityProtocol);
            Assert.Same(callback, ServicePointManager.ServerCertificateValidationCallback);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void TheHandlerHasItsOwnCertificateCheckThatAcceptsOnlyACertificateWithoutProblems(bool framework)
        {
            using HttpClientHandler handler = AlpharunHandler.Create(framework ? Framework : DotNet, useProxy: false, null);
            var check = handler.ServerCertificateCustomValidationCallback!;
            using var accepted = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/api/v1/recordings/upload");

            Assert.True(check(accepted, null!, null!, SslPolicyErrors.None));
            Assert.Null(CertificateCheck.ProblemOf(accepted));
            foreach (SslPolicyErrors errors in new[] { SslPolicyErrors.RemoteCertificateChainErrors, SslPolicyErrors.RemoteCertificateNameMismatch, SslPolicyErrors.RemoteCertificateNotAvailable,
                SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch })
            {
                using var rejected = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/api/v1/recordings/upload");
                Assert.False(check(rejected, null!, null!, errors));
                Assert.Equal(errors + ".", CertificateCheck.ProblemOf(rejected));
            }
        }

        [Fact]
        public void AProcessWideCallbackThatAcceptsEverythingDoesNotWeakenTheHandlersCheck()
        {
            // The Windows PowerShell idiom [Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }: on .NET
            // Framework the handler's own callback is asked instead of it.
            RemoteCertificateValidationCallback? before = ServicePointManager.ServerCertificateValidationCallback;
            ServicePointManager.ServerCertificateValidationCallback = (_, _, _, _) => true;
            try
            {
                using HttpClientHandler handler = AlpharunHandler.Create(Framework, useProxy: true, null);
                using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/");

                Assert.False(handler.ServerCertificateCustomValidationCallback!(request, null!, null!, SslPolicyErrors.RemoteCertificateChainErrors));
            }
            finally
            {
                ServicePointManager.ServerCertificateValidationCallback = before;
            }
        }

        [Fact]
        public void NoRedirectsNoCookiesAndSixtyFourConnectionsPerServer()
        {
            using HttpClientHandler handler = AlpharunHandler.Create(Framework, useProxy: true, null);

            Assert.Equal((false, false, 64, true), (handler.AllowAutoRedirect, handler.UseCookies, handler.MaxConnectionsPerServer, handler.UseProxy));
        }

        [Fact]
        public void TheSystemProxyWithTheSignedInUsersCredentialsSetsTheHandlersDefaultProxyCredentials()
        {
            using HttpClientHandler handler = AlpharunHandler.Create(Framework, useProxy: true, AlpharunProxy.FromEnvironment());

            Assert.True(handler.UseProxy);
            Assert.Null(handler.Proxy);
            Assert.Same(CredentialCache.DefaultCredentials, handler.DefaultProxyCredentials);
        }

        [Fact]
        public void ANamedProxyIsTheHandlersAndTheDefaultProxyGetsNoCredentials()
        {
            using HttpClientHandler handler = AlpharunHandler.Create(Framework, useProxy: true, new AlpharunProxy(new Uri("http://proxy.example.test:8080")));

            Assert.Equal(new Uri("http://proxy.example.test:8080"), ((WebProxy)handler.Proxy!).Address);
            Assert.Null(handler.DefaultProxyCredentials);
        }

        [Fact]
        public void ADirectRouteUsesNoProxyWhateverTheConnectionNames()
        {
            using HttpClientHandler handler = AlpharunHandler.Create(Framework, useProxy: false, AlpharunProxy.FromEnvironment());

            Assert.False(handler.UseProxy);
            Assert.Null(handler.DefaultProxyCredentials);
        }

        [Fact]
        public void OnDotNetFrameworkNagleIsTurnedOffOnTheApisServicePointOnly()
        {
            // .NET Framework's default is on (ServicePointManager.UseNagleAlgorithm); set here as it would be there.
            var upload = new Uri("https://nagle-framework.example.test/api/v1/recordings/upload");
            var other = new Uri("https://nagle-other.example.test/");
            ServicePointManager.FindServicePoint(upload).UseNagleAlgorithm = true;
            ServicePointManager.FindServicePoint(other).UseNagleAlgorithm = true;

            AlpharunHandler.TuneServicePoint(Framework, upload, useProxy: false, null);

            Assert.False(ServicePointManager.FindServicePoint(upload).UseNagleAlgorithm);
            Assert.True(ServicePointManager.FindServicePoint(other).UseNagleAlgorithm);
        }

        [Fact]
        public void OnDotNetNoServicePointIsTouched()
        {
            // .NET sets TCP_NODELAY on its connections itself; ServicePoint settings do nothing there.
            var upload = new Uri("https://nagle-dotnet.example.test/api/v1/recordings/upload");
            ServicePointManager.FindServicePoint(upload).UseNagleAlgorithm = true;

            AlpharunHandler.TuneServicePoint(DotNet, upload, useProxy: false, null);

            Assert.True(ServicePointManager.FindServicePoint(upload).UseNagleAlgorithm);
        }
    }
}
