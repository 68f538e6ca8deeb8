using System;
using System.Linq;
using System.Management.Automation;
using Alpharun.Sandbox;

namespace Alpharun.Commands
{
    /// <summary>Lists what the session's sandbox accepted: one object per accepted upload, oldest first.</summary>
    [Cmdlet(VerbsCommon.Get, "AlpharunSandboxRecording")]
    [OutputType(typeof(SandboxRecording))]
    public sealed class GetAlpharunSandboxRecordingCommand : PSCmdlet
    {
        /// <summary>Only uploads that got one of these recording ids.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public Guid[]? RecordingId { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            SandboxServer? sandbox = AlpharunSession.Current.Sandbox;
            if (sandbox is null)
            {
                WriteError(AlpharunErrors.Create("SandboxNotRunning", ErrorCategory.ResourceUnavailable,
                    "No sandbox is running in this session. Start one with Start-AlpharunSandbox.", null));
                return;
            }
            foreach (SandboxRecording recording in sandbox.GetRecordings())
            {
                if (RecordingId is null || RecordingId.Contains(recording.RecordingId)) WriteObject(IdAlias.AddTo(new PSObject(recording)));
            }
        }
    }
}
