using System.Management.Automation;
using Alpharun.Sandbox;

namespace Alpharun.Commands
{
    /// <summary>Stops the session's sandbox and forgets the connection to it.</summary>
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
            if (session.Connection != null && session.Connection.BaseUri == stopped.BaseUri) session.Connection = null;
            WriteVerbose($"Stopped the sandbox at {stopped.BaseUri}.");
        }
    }
}
