using System;
using System.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// The connection order: -ApiKey/-BaseUri, then Connect-Alpharun, then $env:ALPHARUN_API_KEY/$env:ALPHARUN_BASE_URI.
    /// These tests change the process environment, so they share one collection and never run beside each other.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public class ConnectionTests : IDisposable
    {
        private const string Cmdlet = ",Alpharun.Commands.SendAlpharunRecordingCommand";
        private readonly Recordings _files = new Recordings();

        public void Dispose() => _files.Dispose();

        [Fact]
        public void NoKeyAnywhereIsOneTerminatingErrorThatSaysHowToConnect()
        {
            using var session = new PwshSession();
            _files.Create("a.wav");
            _files.Create("b.wav");
            PwshResult result = session.Run(@"
                $env:ALPHARUN_API_KEY = $null
                try { Get-ChildItem (Join-Path $args[0] '*.wav') | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -BaseUri http://127.0.0.1:9/api/v1 }
                catch { 'caught ' + $_.FullyQualifiedErrorId; $_.Exception.Message }",
                _files.Folder).ThrowIfFailed();

            Assert.Equal(2, result.Output.Count);
            Assert.Equal("caught ApiKeyMissing" + Cmdlet, result.Output[0].BaseObject);
            Assert.Contains("Connect-Alpharun", (string)result.Output[1].BaseObject);
            Assert.Contains("ALPHARUN_API_KEY", (string)result.Output[1].BaseObject);
        }

        [Fact]
        public void ConnectAlpharunKeepsTheConnectionAndDisconnectForgetsIt()
        {
            using var sandboxSession = new PwshSession();
            string baseUri = (string)sandboxSession.Run("(Start-AlpharunSandbox).BaseUri.AbsoluteUri").ThrowIfFailed().Output.Single().BaseObject;
            string file = _files.Create("a.wav");

            // A second session reaches the first one's sandbox only with its key: a wrong key is rejected.
            using var session = new PwshSession();
            PwshResult rejected = session.Run(
                "Connect-Alpharun -ApiKey (ConvertTo-SecureString 'not-the-key' -AsPlainText -Force) -BaseUri $args[1]; Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com",
                file, baseUri);
            Assert.Equal("ApiKeyRejected" + Cmdlet, Assert.Single(rejected.Errors).FullyQualifiedErrorId);

            PwshResult disconnected = session.Run("$env:ALPHARUN_API_KEY = $null; Disconnect-Alpharun; Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -BaseUri $args[1]", file, baseUri);
            Assert.Equal("ApiKeyMissing" + Cmdlet, Assert.Single(disconnected.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void EnvironmentVariablesAreUsedWithoutConnect()
        {
            using var sandboxSession = new PwshSession();
            // The key and address reach the environment the way a scheduled task would set them.
            sandboxSession.Run(@"
                $sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString 'sbx-from-environment' -AsPlainText -Force)
                $env:ALPHARUN_BASE_URI = $sandbox.BaseUri.AbsoluteUri
                $env:ALPHARUN_API_KEY = 'sbx-from-environment'").ThrowIfFailed();
            try
            {
                using var session = new PwshSession();
                PwshResult result = session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com", _files.Create("env.wav")).ThrowIfFailed();
                Assert.Equal("Created", result.Output.Single().Properties["Status"].Value.ToString());
                Assert.Single(sandboxSession.Run("Get-AlpharunSandboxRecording").ThrowIfFailed().Output);
            }
            finally
            {
                Environment.SetEnvironmentVariable("ALPHARUN_API_KEY", null);
                Environment.SetEnvironmentVariable("ALPHARUN_BASE_URI", null);
            }
        }
    }

    [CollectionDefinition(Name, DisableParallelization = true)]
    public class ProcessEnvironmentCollection
    {
        public const string Name = "Process environment";
    }
}
