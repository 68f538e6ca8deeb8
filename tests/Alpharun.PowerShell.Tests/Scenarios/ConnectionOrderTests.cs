using System;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// Where Send-AlpharunRecording finds its key and address (README "Connections"): -ApiKey/-BaseUri, then the
    /// session's connection, then $env:ALPHARUN_API_KEY / $env:ALPHARUN_BASE_URI, then the production address; and
    /// that Stop-AlpharunSandbox forgets the connection to the sandbox it stops. The environment is process-wide,
    /// so these tests run alone.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class ConnectionOrderTests : IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string KnownKey = "sbx_connection_order_key";
        private const string Send = "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -MaxRetries 0";

        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("ALPHARUN_API_KEY", null);
            Environment.SetEnvironmentVariable("ALPHARUN_BASE_URI", null);
            _session.Dispose();
            _files.Dispose();
        }

        private string StartSandboxWithKnownKey() =>
            _session.Run($"(Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString '{KnownKey}' -AsPlainText -Force)).BaseUri.AbsoluteUri").ThrowIfFailed().Output.Single().ToString();

        private int Received() => (int)_session.Run("@(Get-AlpharunSandboxRecording).Count").ThrowIfFailed().Output.Single().BaseObject;

        [Fact]
        public void TheSessionsKeyAndAddressComeBeforeTheEnvironments()
        {
            string file = _files.Create("call.wav");
            _session.Run("Start-AlpharunSandbox | Out-Null").ThrowIfFailed();
            Environment.SetEnvironmentVariable("ALPHARUN_API_KEY", "sk_from_the_environment");
            Environment.SetEnvironmentVariable("ALPHARUN_BASE_URI", "http://127.0.0.1:1/api/v1");

            PwshResult result = _session.Run(Send, file);

            Assert.Empty(result.Errors);
            Assert.Equal("Created", result.Property<string>(0, "Status"));
            Assert.Equal(1, Received());
        }

        [Fact]
        public void WithoutASessionConnectionTheEnvironmentsKeyAndAddressAreUsed()
        {
            string file = _files.Create("call.wav");
            string baseUri = StartSandboxWithKnownKey();
            _session.Run("Disconnect-Alpharun").ThrowIfFailed();
            // The address is trimmed; a key with spaces around it is refused (InvalidApiKey, below): they are no part of it.
            Environment.SetEnvironmentVariable("ALPHARUN_API_KEY", KnownKey);
            Environment.SetEnvironmentVariable("ALPHARUN_BASE_URI", " " + baseUri + " ");

            PwshResult result = _session.Run(Send, file);

            Assert.Empty(result.Errors);
            Assert.Equal("Created", result.Property<string>(0, "Status"));
            Assert.Equal(1, Received());
        }

        [Fact]
        public void TheParametersComeBeforeTheSessionAndTheEnvironment()
        {
            string file = _files.Create("call.wav");
            string baseUri = StartSandboxWithKnownKey();
            // The session is connected elsewhere (nothing listens on port 1), the environment names nothing usable either.
            _session.Run("Connect-Alpharun -ApiKey (ConvertTo-SecureString 'sk_session' -AsPlainText -Force) -BaseUri 'http://127.0.0.1:1/api/v1'").ThrowIfFailed();
            Environment.SetEnvironmentVariable("ALPHARUN_API_KEY", "sk_from_the_environment");
            Environment.SetEnvironmentVariable("ALPHARUN_BASE_URI", "http://127.0.0.1:2/api/v1");

            PwshResult result = _session.Run(Send + $" -BaseUri $args[1] -ApiKey (ConvertTo-SecureString '{KnownKey}' -AsPlainText -Force)", file, baseUri);

            Assert.Empty(result.Errors);
            Assert.Equal("Created", result.Property<string>(0, "Status"));
            Assert.Equal(1, Received());
        }

        [Theory]
        [InlineData(" sk_with_a_space_before", "$env:ALPHARUN_API_KEY starts with a space, which is not part of the key.")]
        [InlineData("   ", "$env:ALPHARUN_API_KEY is empty.")]
        public void AnEnvironmentKeyThatCannotBeSentIsOneInvalidApiKeyBeforeAnyFileIsRead(string environmentKey, string message)
        {
            string file = _files.Create("call.wav");
            Environment.SetEnvironmentVariable("ALPHARUN_API_KEY", environmentKey);

            PwshResult result = _session.Run(Send, file);

            ErrorRecord error = result.SingleError();
            Assert.Empty(result.Output);
            Assert.Equal("InvalidApiKey" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.StartsWith(message, error.Exception.Message);
            Assert.DoesNotContain("sk_with", error.Exception.Message);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        public void AMissingOrEmptyEnvironmentKeyIsNoKey(string? environmentKey)
        {
            string file = _files.Create("call.wav");
            Environment.SetEnvironmentVariable("ALPHARUN_API_KEY", environmentKey);

            PwshResult result = _session.Run(Send, file);

            Assert.Empty(result.Output);
            Assert.Equal("ApiKeyMissing" + Cmdlet, result.Terminating?.ErrorRecord.FullyQualifiedErrorId ?? Assert.Single(result.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void StopAlpharunSandboxForgetsTheConnectionToTheSandboxItStops()
        {
            // With no connection before Start-AlpharunSandbox, none is left after Stop-AlpharunSandbox: the next upload
            // finds no key, rather than trying the stopped sandbox's address.
            string file = _files.Create("call.wav");
            _session.Run("Start-AlpharunSandbox | Out-Null; Stop-AlpharunSandbox").ThrowIfFailed();

            PwshResult result = _session.Run(Send, file);

            Assert.Empty(result.Output);
            ErrorRecord error = result.SingleError();
            Assert.Equal("ApiKeyMissing" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.StartsWith("This session has no Alpharun connection: Stop-AlpharunSandbox stopped the sandbox at http://127.0.0.1:", error.Exception.Message);
            Assert.Contains("/api/v1 it was connected to, and it had no connection before Start-AlpharunSandbox. Connect again with Connect-Alpharun -ApiKey (Read-Host -AsSecureString 'API key') or Start-AlpharunSandbox, pass -ApiKey, or set $env:ALPHARUN_API_KEY.", error.Exception.Message);
        }

        [Fact]
        public void AfterDisconnectTheMissingKeyErrorSaysWhichConnectionWasForgotten()
        {
            string file = _files.Create("call.wav");
            _session.Run("Connect-Alpharun -ApiKey (ConvertTo-SecureString 'sk_forgotten' -AsPlainText -Force) -BaseUri 'https://api.example.com/api/v1'; Disconnect-Alpharun").ThrowIfFailed();

            PwshResult result = _session.Run(Send, file);

            ErrorRecord error = result.SingleError();
            Assert.Equal("ApiKeyMissing" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal("This session has no Alpharun connection: Disconnect-Alpharun forgot its connection to https://api.example.com/api/v1. Connect again with Connect-Alpharun -ApiKey (Read-Host -AsSecureString 'API key') or Start-AlpharunSandbox, pass -ApiKey, or set $env:ALPHARUN_API_KEY.", error.Exception.Message);
        }

        [Fact]
        public void ARunspaceWithoutTheConnectionAnotherRunspaceMadeIsToldToHandItIn()
        {
            string file = _files.Create("call.wav");
            _session.Run("Start-AlpharunSandbox | Out-Null").ThrowIfFailed();
            using var other = new PwshSession();

            PwshResult result = other.Run(Send, file);

            ErrorRecord error = result.SingleError();
            Assert.Equal("ApiKeyMissing" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.StartsWith("This runspace has no Alpharun connection: ForEach-Object -Parallel, Start-ThreadJob and other new runspaces do not share the session's. Hand it in: $connection = Connect-Alpharun ... -PassThru (or $sandbox = Start-AlpharunSandbox) outside, then $using:connection | Connect-Alpharun (or $using:sandbox | Connect-Alpharun) inside; or set $env:ALPHARUN_API_KEY, which every runspace reads.", error.Exception.Message);
        }

        [Theory]
        [InlineData("parameter", "")]
        [InlineData("environment", "")]
        [InlineData("parameter", " -WhatIf")]
        [InlineData("environment", " -WhatIf")]
        public void ABaseUriWithAPasswordIsRefusedBeforeAnythingIsSentOrShown(string from, string whatIf)
        {
            string file = _files.Create("call.wav");
            const string withPassword = "http://user:hunter2@127.0.0.1:1/api/v1";
            Environment.SetEnvironmentVariable("ALPHARUN_API_KEY", "sk_from_the_environment");
            if (from == "environment") Environment.SetEnvironmentVariable("ALPHARUN_BASE_URI", withPassword);

            // -WhatIf shows the address it would send to: refused before that too.
            PwshResult result = _session.Run((from == "parameter" ? Send + " -BaseUri $args[1]" : Send) + whatIf, file, withPassword);

            Assert.Empty(result.Output);
            ErrorRecord error = result.SingleError();
            Assert.Equal("InvalidBaseUri" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.DoesNotContain("hunter2", error.Exception.Message);
        }
    }
}
