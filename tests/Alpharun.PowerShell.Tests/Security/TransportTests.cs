using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading;
using Xunit;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>
    /// Where the key may travel: https, or plain http to loopback only; never along a redirect; with a User-Agent
    /// that says who sent it; and an attempt that gets no answer ends. 192.0.2.1 is TEST-NET-1 (RFC 5737): the
    /// refusal must come before any connection, and the tests prove no request to it was even started.
    /// </summary>
    public sealed class TransportTests : IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string TestNet = "http://192.0.2.1/api/v1";
        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();

        public void Dispose()
        {
            _session.Dispose();
            _files.Dispose();
        }

        private const string Send =
            "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -BaseUri $args[1] -ApiKey (ConvertTo-SecureString 'sk_transport_test' -AsPlainText -Force)";

        [Fact]
        public void PlainHttpToANonLoopbackAddressIsRefusedBeforeAnyRequestStarts()
        {
            using var requests = new OutgoingRequests();
            using var control = new LoopbackServer(LoopbackServer.Created());
            string file = _files.Create("call.wav");

            // The control upload shows the listener sees the module's requests, so its silence below means something.
            _session.Run(Send, file, control.BaseUri).ThrowIfFailed();
            var clock = Stopwatch.StartNew();
            PwshResult refused = _session.Run("try { " + Send + " -TimeoutSec 1 -MaxRetries 0 } catch { $_ }", file, TestNet);
            clock.Stop();

            Assert.Contains(requests.Started, u => u.Port == control.Port && u.AbsolutePath == "/api/v1/recordings/upload");
            var error = (ErrorRecord)Assert.Single(refused.Output).BaseObject;
            Assert.Equal("InsecureBaseUri" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("plain http", error.Exception.Message);
            Assert.Contains("-AllowUnencryptedAuthentication", error.Exception.Message);
            Assert.Empty(refused.Errors);
            Assert.DoesNotContain(requests.Started, u => u.Host == "192.0.2.1");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"refusing took {clock.Elapsed.TotalMilliseconds:0} ms");
        }

        [Fact]
        public void ConnectAlpharunRefusesPlainHttpToANonLoopbackAddress()
        {
            using var requests = new OutgoingRequests();
            PwshResult result = _session.Run("try { Connect-Alpharun -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -BaseUri $args[0] } catch { $_ }", TestNet);

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("InsecureBaseUri,Alpharun.Commands.ConnectAlpharunCommand", error.FullyQualifiedErrorId);
            Assert.Contains("plain http", error.Exception.Message);
            // Nothing was kept: the session has no connection afterwards.
            PwshResult kept = _session.Run(@"
                $type = [Alpharun.Commands.ConnectAlpharunCommand].Assembly.GetType('Alpharun.Commands.AlpharunSession', $true)
                $null -eq $type.GetProperty('Connection').GetValue($type.GetProperty('Current').GetValue($null))").ThrowIfFailed();
            Assert.True((bool)Assert.Single(kept.Output).BaseObject);
            Assert.DoesNotContain(requests.Started, u => u.Host == "192.0.2.1");
        }

        [Theory]
        [InlineData("https://192.0.2.1/api/v1")]
        [InlineData("http://127.0.0.1:1/api/v1")]
        [InlineData("http://127.8.9.10:1/api/v1")]
        [InlineData("http://[::1]:1/api/v1")]
        [InlineData("http://localhost:1/api/v1")]
        public void ConnectAlpharunAcceptsHttpsAndLoopbackHttpWithoutContactingThem(string baseUri)
        {
            using var requests = new OutgoingRequests();
            PwshResult result = _session.Run("Connect-Alpharun -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -BaseUri $args[0] -Verbose", baseUri).ThrowIfFailed();

            Assert.Equal("Connected to " + new Uri(baseUri) + " for this session.", Assert.Single(result.Verbose));
            Assert.DoesNotContain(requests.Started, u => u.AbsoluteUri.StartsWith(new Uri(baseUri).GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
        }

        [Theory]
        [InlineData(301)]
        [InlineData(302)]
        [InlineData(303)]
        [InlineData(307)]
        [InlineData(308)]
        public void RedirectIsAnErrorAndTheKeyNeverReachesTheRedirectTarget(int status)
        {
            using var target = new LoopbackServer(LoopbackServer.Created());
            using var redirecting = new LoopbackServer(LoopbackServer.Answer(status, string.Empty, "Location: " + target.BaseUri + "/recordings/upload"));
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(Send + " -MaxRetries 0", file, redirecting.BaseUri);

            var error = Assert.Single(result.Errors);
            Assert.Equal("UnexpectedStatus" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains($"redirected the upload of '{file}' (HTTP {status})", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal("Bearer sk_transport_test", LoopbackExchange.Header(Assert.Single(redirecting.RequestHeads), "Authorization"));
            Assert.Equal(0, target.ConnectionCount);
        }

        [Fact]
        public void UserAgentNamesTheClientTheModulePowerShellAndTheSystem()
        {
            using var server = new LoopbackServer(LoopbackServer.Created());
            PwshResult result = _session.Run(Send, _files.Create("call.wav"), server.BaseUri).ThrowIfFailed();
            string clientVersion = (string)_session.Run(
                "[Alpharun.AlpharunClient].Assembly.GetCustomAttributes([Reflection.AssemblyInformationalVersionAttribute], $false)[0].InformationalVersion.Split('+')[0]")
                .ThrowIfFailed().Output.Single().BaseObject;

            Assert.Equal(LoopbackServer.RecordingId, result.Property<Guid>(0, "RecordingId"));
            string userAgent = LoopbackExchange.Header(Assert.Single(server.RequestHeads), "User-Agent")!;
            Assert.Matches(
                "^Alpharun\\.Client/" + Regex.Escape(clientVersion) + " \\(Alpharun\\.PowerShell/\\d+\\.\\d+\\.\\d+; PowerShell/7\\.6\\.\\d+ Core; "
                + Regex.Escape(RuntimeInformation.FrameworkDescription.Trim()) + "; " + Regex.Escape(RuntimeInformation.OSDescription.Trim()) + "\\)$",
                userAgent);
        }

        [Fact]
        public void ServerThatAcceptsAndNeverAnswersEndsAsTimeoutWithinSeconds()
        {
            using var silent = new LoopbackServer(exchange => System.Threading.Tasks.Task.Delay(Timeout.Infinite, exchange.Stopping)); // never answers: the condition under test
            string file = _files.Create("call.wav");

            var clock = Stopwatch.StartNew();
            PwshResult result = _session.Run(Send + " -TimeoutSec 1 -MaxRetries 0", file, silent.BaseUri);
            clock.Stop();

            var error = Assert.Single(result.Errors);
            Assert.Equal("Timeout" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            // The small body went into the socket's buffers whole: the server may have it, so the message says so.
            Assert.Contains($"All of '{file}' was sent to {silent.BaseUri}, but no answer came within 1 s after its last byte. The API may hold the recording: send it again, which is safe", error.Exception.Message);
            Assert.Equal(1, silent.ConnectionCount);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(6));
        }
    }
}
