using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>
    /// Add-AlpharunSandboxFault plays the hostile servers of issue 8 — an answer before the body, an echo of the
    /// request's headers, a long Retry-After, an answer for one file — and Send-AlpharunRecording copes with each.
    /// </summary>
    public sealed class SandboxHostileFaultTests : IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Common = "-Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z'";
        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        [Fact]
        public void BeforeBodyFaultAnswers401OnTheHeadAndALargeUploadIsOneApiKeyRejected()
        {
            string file = _sandbox.Files.Create("large.wav", 3 * 1024 * 1024);

            PwshResult result = _sandbox.Run($"Add-AlpharunSandboxFault -StatusCode 401 -BeforeBody; try {{ Send-AlpharunRecording -LiteralPath $args[0] {Common} }} catch {{ $_ }}", file);

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("ApiKeyRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("(HTTP 401)", error.Exception.Message);
            Assert.Equal(1, _sandbox.UploadRequestCount);
            Assert.Empty(_sandbox.Received());
        }

        [Fact]
        public void BeforeBodyFaultAnswers413AndTheUploadIsNotRetried()
        {
            string file = _sandbox.Files.Create("large.wav", 3 * 1024 * 1024);

            PwshResult result = _sandbox.Run($"Add-AlpharunSandboxFault -StatusCode 413 -BeforeBody -Count 5; Send-AlpharunRecording -LiteralPath $args[0] {Common}", file);

            var error = Assert.Single(result.Errors);
            Assert.Equal("RequestRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains($"refused '{file}' as too large (HTTP 413)", error.Exception.Message);
            Assert.Equal(1, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void EchoHeadersFaultEchoesTheAuthorizationHeaderAndTheKeyIsMaskedEverywhere()
        {
            const string Key = "sk_live_SBXECHO_CANARY_qrst56789uvwxXYZ";
            var seen = new LeakCollector();
            _sandbox.Session.SetVariable("EchoKey", Key);
            _sandbox.Run("Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString $EchoKey -AsPlainText -Force) | Out-Null").ThrowIfFailed();
            string file = _sandbox.Files.Create("call.wav");

            PwshResult queued = seen.Add("queue", _sandbox.Run("Add-AlpharunSandboxFault -StatusCode 422 -EchoHeaders -PassThru")).ThrowIfFailed();
            PwshResult result = seen.Add("send", _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args[0] {Common} -Verbose -Debug", file));
            seen.Add("$Error", _sandbox.Run("$Error | ForEach-Object { $_ }"));

            Assert.Equal("Status(422, count: 1, echoHeaders: true)", Assert.Single(queued.Output).ToString());
            var error = Assert.Single(result.Errors);
            Assert.Equal("RequestRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("echoes the request's headers because a fault was queued with AddFault: ", error.Exception.Message);
            Assert.Contains("; Authorization: Bearer ***; ", error.Exception.Message);
            Assert.Contains("User-Agent: Alpharun.Client/", error.Exception.Message);
            Assert.Empty(seen.FindLeaks(Key));
        }

        [Fact]
        public void LongRetryAfterInSecondsIsSentAsGiven()
        {
            string file = _sandbox.Files.Create("call.wav");

            PwshResult result = _sandbox.Run($"Add-AlpharunSandboxFault -StatusCode 503 -RetryAfter 100000 -PassThru; Send-AlpharunRecording -LiteralPath $args[0] {Common} -MaxRetries 0", file);

            Assert.Equal("Status(503, count: 1, retryAfter: \"100000\")", Assert.Single(result.Output).ToString());
            // A 503 asking for a wait past -MaxRateLimitWaitSec stops the batch as RateLimited, like a 429 would.
            var error = Assert.Single(result.Errors);
            Assert.Equal("RateLimited" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(TimeSpan.FromSeconds(100000), (TimeSpan?)PSObject.AsPSObject(error.Exception).Properties["RetryAfter"].Value);
        }

        [Fact]
        public void LongRetryAfterAsAnHttpDateADayAheadIsSentAsGiven()
        {
            string file = _sandbox.Files.Create("call.wav");
            string date = DateTimeOffset.UtcNow.AddHours(27).ToString("r");

            PwshResult result = _sandbox.Run($"Add-AlpharunSandboxFault -StatusCode 429 -RetryAfter $args[1] -PassThru; Send-AlpharunRecording -LiteralPath $args[0] {Common} -MaxRetries 0", file, date);

            Assert.Equal($"Status(429, count: 1, retryAfter: \"{date}\")", Assert.Single(result.Output).ToString());
            var error = Assert.Single(result.Errors);
            Assert.Equal("RateLimited" + Cmdlet, error.FullyQualifiedErrorId);
            var wait = (TimeSpan?)PSObject.AsPSObject(error.Exception).Properties["RetryAfter"].Value;
            Assert.InRange(wait!.Value, TimeSpan.FromHours(26.9), TimeSpan.FromHours(27));
        }

        [Fact]
        public void FileNameFaultAnswersOnlyTheMatchingUpload()
        {
            string[] files = { _sandbox.Files.Create("good-1.wav", seed: 1), _sandbox.Files.Create("BAD-1.wav", seed: 2), _sandbox.Files.Create("good-2.wav", seed: 3) };

            PwshResult result = _sandbox.Run($"(Add-AlpharunSandboxFault -StatusCode 422 -FileName 'bad-*.wav' -PassThru).ToString(); $args | Send-AlpharunRecording {Common} -ThrottleLimit 1", files.Cast<object?>().ToArray());

            Assert.Equal("Status(422, count: 1, fileName: \"bad-*.wav\")", ((string)result.Output[0].BaseObject).Trim());
            var error = Assert.Single(result.Errors);
            Assert.Equal("RequestRejected" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(files[1], error.TargetObject);
            Assert.Equal(new[] { "Created", "Created" }, result.Output.Skip(1).Select(o => o.Properties["Status"].Value.ToString()));
            Assert.Equal(new[] { "good-1.wav", "good-2.wav" }, _sandbox.ReceivedFileNames());
            Assert.Empty(_sandbox.Run("Get-TestSandboxServer | ForEach-Object PendingFaults").ThrowIfFailed().Output);
        }

        [Fact]
        public void FileNameFaultCannotAnswerBeforeTheBody()
        {
            PwshResult result = _sandbox.Run("try { Add-AlpharunSandboxFault -StatusCode 401 -BeforeBody -FileName x.wav } catch { $_ }");

            var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
            Assert.Equal("InvalidSandboxFault,Alpharun.Commands.AddAlpharunSandboxFaultCommand", error.FullyQualifiedErrorId);
            Assert.StartsWith("A fault for one file cannot answer before the body: the file name is in the body.", error.Exception.Message);
        }
    }
}
