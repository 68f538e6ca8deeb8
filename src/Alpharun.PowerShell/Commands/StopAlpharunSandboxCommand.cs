using System.Management.Automation;
using Alpharun.Sandbox;

namespace Alpharun.Commands
{
    /// <summary>Stops the session's sandbox and gives back the connection Start-AlpharunSandbox replaced (or forgets the sandbox's).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AlpharunSandbox")]
    [OutputType(typeof(void))]
    public sealed class StopAlpharunSandboxCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            AlpharunSession session = AlpharunSession.Current;
            SandboxServer? stopped = session.StopSandbox();
            if (stopped is null)
            {
                WriteVerbose("No sandbox was running in this session.");
                return;
            }
            WriteVerbose($"Stopped the sandbox at {stopped.BaseUri}. {session.DisconnectFromSandbox(stopped)}");
        }
    }
}
