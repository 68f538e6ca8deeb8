using System;
using System.Management.Automation;
using Alpharun.Sandbox;

namespace Alpharun.Commands
{
    /// <summary>
    /// Makes the session's sandbox misbehave for the next uploads, to see how a script copes: answer with a status
    /// (429, 503...) — before the body, echoing the request's headers, or for one file only — drop the connection
    /// mid-upload, or stall before answering. Faults queue up in order.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AlpharunSandboxFault", DefaultParameterSetName = StatusSet)]
    [OutputType(typeof(SandboxFault))]
    public sealed class AddAlpharunSandboxFaultCommand : PSCmdlet
    {
        private const string StatusSet = "Status";
        private const string DropSet = "DropConnection";
        private const string StallSet = "Stall";

        /// <summary>Answer with this HTTP status.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StatusSet)]
        [ValidateRange(400, 599)]
        public int StatusCode { get; set; }

        /// <summary>The Retry-After header to send with the status: seconds ("2") or an HTTP date.</summary>
        [Parameter(ParameterSetName = StatusSet)]
        [ValidateNotNullOrEmpty]
        public string? RetryAfter { get; set; }

        /// <summary>Answer on the request's head alone, never reading the body, then close the connection.</summary>
        [Parameter(ParameterSetName = StatusSet)]
        public SwitchParameter BeforeBody { get; set; }

        /// <summary>Echo the request's headers (Authorization included) in the answer's message.</summary>
        [Parameter(ParameterSetName = StatusSet)]
        public SwitchParameter EchoHeaders { get; set; }

        /// <summary>Apply only to uploads whose file name matches this name or wildcard pattern.</summary>
        [Parameter(ParameterSetName = StatusSet)]
        [ValidateNotNullOrEmpty]
        public string? FileName { get; set; }

        /// <summary>Close the connection without an answer.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DropSet)]
        public SwitchParameter DropConnection { get; set; }

        /// <summary>How many body bytes to read before dropping the connection.</summary>
        [Parameter(ParameterSetName = DropSet)]
        [ValidateRange(0, long.MaxValue)]
        public long AfterBytes { get; set; }

        /// <summary>Wait this long before answering (the upload is still accepted).</summary>
        [Parameter(Mandatory = true, ParameterSetName = StallSet)]
        public TimeSpan Stall { get; set; }

        /// <summary>How many uploads in a row the fault applies to.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; } = 1;

        /// <summary>Writes the queued fault.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            SandboxServer? sandbox = AlpharunSession.Current.Sandbox;
            if (sandbox is null)
            {
                ThrowTerminatingError(AlpharunErrors.Create("SandboxNotRunning", ErrorCategory.ResourceUnavailable,
                    "No sandbox is running in this session. Start one with Start-AlpharunSandbox.", null));
                return;
            }

            SandboxFault fault;
            try
            {
                fault = ParameterSetName == DropSet ? SandboxFault.DropConnection(Count, AfterBytes)
                    : ParameterSetName == StallSet ? SandboxFault.Stall(Stall, Count)
                    : SandboxFault.Status(StatusCode, Count, RetryAfter, BeforeBody, EchoHeaders, FileName);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(AlpharunErrors.InvalidArgument("InvalidSandboxFault", e.Message, null));
                return;
            }
            sandbox.AddFault(fault);
            WriteVerbose($"Queued sandbox fault: {fault}.");
            if (PassThru) WriteObject(fault);
        }
    }
}
