using System.Management.Automation;
using Alpharun.Sandbox;

namespace Alpharun.Commands
{
    /// <summary>Drops every fault still queued in the session's sandbox.</summary>
    [Cmdlet(VerbsCommon.Clear, "AlpharunSandboxFault")]
    [OutputType(typeof(void))]
    public sealed class ClearAlpharunSandboxFaultCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            SandboxServer? sandbox = AlpharunSession.Current.Sandbox;
            if (sandbox is null)
            {
                WriteVerbose("No sandbox is running in this session.");
                return;
            }
            sandbox.ClearFaults();
        }
    }
}
