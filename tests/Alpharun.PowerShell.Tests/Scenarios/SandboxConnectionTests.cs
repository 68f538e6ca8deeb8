using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// Start-AlpharunSandbox and Stop-AlpharunSandbox and the session's connection (help: Start replaces an earlier
    /// sandbox; Stop gives back the connection Start replaced, or keeps one made after Start), and the sandbox cmdlets
    /// without a sandbox. Found by the session partition's mutation run: each mutant of these rules survived it.
    /// </summary>
    public sealed class SandboxConnectionTests : IDisposable
    {
        private const string Elsewhere = "https://api.example.com/api/v1";
        private const string ConnectElsewhere = "Connect-Alpharun -ApiKey (ConvertTo-SecureString 'sk_elsewhere' -AsPlainText -Force) -BaseUri '" + Elsewhere + "'";

        private readonly PwshSession _session = new PwshSession();

        public void Dispose() => _session.Dispose();

        private PSObject Start(string parameters = "") => Assert.Single(_session.Run("Start-AlpharunSandbox " + parameters).ThrowIfFailed().Output);

        private static Uri BaseUriOf(PSObject info) => (Uri)info.Properties["BaseUri"].Value;

        private string[] StopVerbose() => _session.Run("Stop-AlpharunSandbox -Verbose").ThrowIfFailed().Verbose.ToArray();

        [Fact]
        public void ASecondStartStopsTheFirstSandbox()
        {
            Uri first = BaseUriOf(Start());

            Uri second = BaseUriOf(Start());

            Assert.NotEqual(first, second);
            Assert.False(LoopbackPort.Accepts(first.Port), $"the first sandbox ({first}) still listens after the second started");
            Assert.True(LoopbackPort.Accepts(second.Port));
        }

        [Fact]
        public void AStartWhileConnectedElsewhereSaysWhichConnectionItReplacesUntilStop()
        {
            _session.Run(ConnectElsewhere).ThrowIfFailed();

            PwshResult started = _session.Run("Start-AlpharunSandbox -Verbose").ThrowIfFailed();

            Uri sandbox = BaseUriOf(Assert.Single(started.Output));
            Assert.Equal(new[] { $"The sandbox listens at {sandbox}; this session is connected to it instead of {Elsewhere} until Stop-AlpharunSandbox, which stops it and gives that connection back." }, started.Verbose);
        }

        [Theory]
        [InlineData(true, "The session is connected to " + Elsewhere + " again, the connection Start-AlpharunSandbox replaced.")]
        [InlineData(false, "The session is no longer connected: it had no connection before Start-AlpharunSandbox.")]
        public void StopAfterTwoStartsGivesBackTheConnectionBeforeTheFirst(bool connectedBefore, string stopSays)
        {
            if (connectedBefore) _session.Run(ConnectElsewhere).ThrowIfFailed();
            Start();

            PwshResult second = _session.Run("Start-AlpharunSandbox -Verbose").ThrowIfFailed();

            Uri sandbox = BaseUriOf(Assert.Single(second.Output));
            // The second start replaced the first sandbox, whose connection the session used: that is all it says.
            Assert.Equal(new[] { $"The sandbox listens at {sandbox}; this session is connected to it. Stop-AlpharunSandbox stops it." }, second.Verbose);
            Assert.Equal(new[] { $"Stopped the sandbox at {sandbox}. {stopSays}" }, StopVerbose());
        }

        [Fact]
        public void StopKeepsAConnectionMadeAfterStart()
        {
            Uri sandbox = BaseUriOf(Start());
            _session.Run(ConnectElsewhere).ThrowIfFailed();

            Assert.Equal(new[] { $"Stopped the sandbox at {sandbox}. The session stays connected to {Elsewhere}, which it was connected to after Start-AlpharunSandbox." }, StopVerbose());
        }

        [Fact]
        public void StopAfterDisconnectSaysTheSessionStaysWithoutAConnection()
        {
            Uri sandbox = BaseUriOf(Start());
            _session.Run("Disconnect-Alpharun").ThrowIfFailed();

            Assert.Equal(new[] { $"Stopped the sandbox at {sandbox}. The session had no connection to the sandbox any more, and stays without one." }, StopVerbose());
        }

        [Theory]
        [InlineData("Add-AlpharunSandboxFault -StatusCode 500", "AddAlpharunSandboxFaultCommand")]
        [InlineData("Get-AlpharunSandboxRecording", "GetAlpharunSandboxRecordingCommand")]
        public void TheSandboxCmdletsWithoutASandboxSayHowToStartOne(string command, string cmdlet)
        {
            PwshResult result = _session.Run(command);

            ErrorRecord error = result.SingleError();
            Assert.Empty(result.Output);
            Assert.Equal("SandboxNotRunning,Alpharun.Commands." + cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Equal("No sandbox is running in this session. Start one with Start-AlpharunSandbox.", error.Exception.Message);
        }
    }
}
