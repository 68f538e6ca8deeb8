using System;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// The client is built once, when the first file is sent (GetClient): an address the connection refuses there ends
    /// the command with its id; InsecureBaseUri names the -BaseUri, a refused proxy names the file being sent. -TimeoutSec 0
    /// means no time limit.
    /// </summary>
    public sealed class ClientConnectionTests : IClassFixture<SharedSession>, IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Send = "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt 2024-01-15T14:30:00Z -MaxRetries 0";

        private readonly SandboxedSession _sandbox;

        public ClientConnectionTests(SharedSession shared)
        {
            _sandbox = new SandboxedSession(shared);
        }

        public void Dispose() => _sandbox.Dispose();

        private ErrorRecord AssertEndedWith(PwshResult result, string id)
        {
            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            ErrorRecord error = Assert.IsAssignableFrom<RuntimeException>(result.Terminating).ErrorRecord;
            Assert.Equal(id + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(0, _sandbox.UploadRequestCount);
            return error;
        }

        [Fact]
        public void APlainHttpBaseUriOffLoopbackEndsTheCommandWithInsecureBaseUriNamingTheAddress()
        {
            string file = _sandbox.Files.Create("call.wav");

            PwshResult result = _sandbox.Run($"try {{ {Send} -BaseUri 'http://example.com/api/v1' }} catch {{ throw }}", file);

            ErrorRecord error = AssertEndedWith(result, "InsecureBaseUri");
            Assert.Equal(new Uri("http://example.com/api/v1"), error.TargetObject);
            Assert.Equal("The base URI 'http://example.com/api/v1' is plain http, which would send the API key unencrypted. Use https, or pass -AllowUnencryptedAuthentication if this network is trusted.", error.Exception.Message);
        }

        [Theory]
        [InlineData("-Proxy 'ftp://proxy.example.com'", "The proxy 'ftp://proxy.example.com' is not an absolute http address such as http://proxy.example.com:8080. Pass -Proxy with the proxy's address.")]
        [InlineData("-ProxyCredential (New-Object pscredential 'u', (ConvertTo-SecureString 'p' -AsPlainText -Force))", "-ProxyCredential needs -Proxy: pass the proxy's address with -Proxy, e.g. -Proxy http://proxy.example.com:8080. (For the system proxy with your Windows sign-in, pass -ProxyUseDefaultCredentials alone.)")]
        public void AProxyTheConnectionRefusesEndsTheCommandWithInvalidProxyNamingTheFile(string proxy, string message)
        {
            string file = _sandbox.Files.Create("call.wav");

            PwshResult result = _sandbox.Run($"try {{ {Send} {proxy} }} catch {{ throw }}", file);

            ErrorRecord error = AssertEndedWith(result, "InvalidProxy");
            Assert.Equal(file, error.TargetObject);
            Assert.Equal(message, error.Exception.Message);
        }

        [Fact]
        public void TimeoutSecZeroMeansNoLimitAndTheFileIsSent()
        {
            string file = _sandbox.Files.Create("call.wav");

            PwshResult result = _sandbox.Run($"{Send} -TimeoutSec 0", file).ThrowIfFailed();

            Assert.Equal(file, Assert.Single(result.Output).Properties["Path"].Value);
            Assert.Equal(new[] { "call.wav" }, _sandbox.ReceivedFileNames());
        }
    }
}
