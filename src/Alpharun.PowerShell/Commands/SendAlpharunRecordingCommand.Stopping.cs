using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>How a batch ends early without hiding an upload the API accepted.</summary>
    public sealed partial class SendAlpharunRecordingCommand
    {
        // Uploads the API accepted (201 or 200) in this run; skips from the journal are not counted.
        private int _accepted;

        // Shared by this batch's uploads: one pause for a Retry-After, one stop for the whole batch.
        private UploadGate? _gate;

        /// <summary>Stops the batch once its gate has closed (a rejected key, a too-long Retry-After, a run of connection failures).</summary>
        private void StopIfGateClosed()
        {
            if (_gate?.ClosedBy is AlpharunApiException reason) StopBatch(reason, _gate.ClosedFor?.FilePath);
        }

        /// <summary>
        /// Ends the batch with one terminating error for <paramref name="reason"/>: no new file starts, the uploads in
        /// flight end, and every one the API accepted is journaled and output (in input order) first. The error says
        /// how many were accepted and that a rerun is safe.
        /// </summary>
        private void StopBatch(AlpharunApiException reason, string? file)
        {
            DrainAccepted();
            AlpharunApiException error = reason.WithSentence(" " + AcceptedSummary());
            Terminate(AlpharunErrors.FromApi(error, file));
        }

        /// <summary>The sentence a terminating error ends with: what was accepted, and why running again is safe.</summary>
        internal string AcceptedSummary()
        {
            string accepted = _accepted == 1 ? "1 upload" : $"{_accepted} uploads";
            if (_journal != null && _unjournaled > 0)
            {
                // The journal could not be written as well: say so rather than promise a rerun skips them.
                return $"The batch stopped; {accepted} the API accepted before that {(_accepted == 1 ? "was" : "were")} output, but {_unjournaled} of them could not be journaled ({_journal.WriteFailure?.Reason}), so running the same command again may send those again; the API answers 200 (AlreadyExisted) with the same id for a recording it has.";
            }
            return _journal != null
                ? $"The batch stopped; {accepted} the API accepted before that {(_accepted == 1 ? "was" : "were")} output and journaled. Running the same command again with the same -Journal skips them and sends the rest: a rerun is safe."
                : $"The batch stopped; {accepted} the API accepted before that {(_accepted == 1 ? "was" : "were")} output. Running the same command again is safe: the API answers 200 (AlreadyExisted) with the same id for a recording it has; pass -Journal to skip them instead.";
        }
    }
}
