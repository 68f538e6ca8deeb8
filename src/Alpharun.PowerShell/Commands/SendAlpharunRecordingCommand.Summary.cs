using System;
using System.Management.Automation;
using System.Threading.Tasks;

namespace Alpharun.Commands
{
    /// <summary>The run summary (-SummaryVariable, the -Verbose line): how the run ended and what it counted, however it ended.</summary>
    public sealed partial class SendAlpharunRecordingCommand
    {
        /// <summary>Ends the command with <paramref name="error"/>: the summary records it as what stopped the run.</summary>
        private void Terminate(ErrorRecord error)
        {
            _summary.Stop(AlpharunErrors.IdOf(error));
            EndSummary();
            ThrowTerminatingError(error);
        }

        /// <summary>The run is over (however it ended): the summary stops counting time and -Verbose shows it as one line.</summary>
        private void EndSummary()
        {
            _ended = true;
            _summary.Finish();
            try
            {
                WriteVerbose(_summary.ToString());
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C while stopping: the summary variable still holds it.
            }
        }

        private void CountUnreported()
        {
            if (_batch is null) return;
            foreach (BatchItem item in _batch.TakeDone())
            {
                RecordingUpload? ended = item.Result ?? (item.Upload != null && item.Upload.Status == TaskStatus.RanToCompletion ? item.Upload.Result : null);
                if (ended != null) _summary.Add(ended);
                else if (item.Error != null) _summary.AddFailure();
            }
        }
    }
}
