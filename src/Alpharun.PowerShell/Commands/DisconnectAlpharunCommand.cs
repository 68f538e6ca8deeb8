using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>Forgets the session's connection; uploads then use $env:ALPHARUN_API_KEY or -ApiKey.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Alpharun")]
    [OutputType(typeof(void))]
    public sealed class DisconnectAlpharunCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            AlpharunConnection? previous = AlpharunSession.Current.Disconnect();
            WriteVerbose(previous is null ? "There was no connection to forget." : $"Disconnected from {previous.BaseUri}.");
        }
    }
}
