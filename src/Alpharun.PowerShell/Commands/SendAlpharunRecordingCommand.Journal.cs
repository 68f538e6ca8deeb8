using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>The -Journal of a batch: opened with the real cause when it cannot be, and a stop when it cannot be written.</summary>
    public sealed partial class SendAlpharunRecordingCommand
    {
        // Uploads the API accepted whose journal line could not be written; counted as each is reported (Account).
        private int _unjournaled;

        /// <summary>Opens -Journal; when it cannot be opened, one terminating JournalUnavailable error says why.</summary>
        private void OpenJournal()
        {
            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Journal);
            try
            {
                _journal = UploadJournal.Open(path);
            }
            catch (JournalUnavailableException e)
            {
                Terminate(AlpharunErrors.Create("JournalUnavailable", CategoryOf(e.Kind), e.Message, Journal, e));
            }
            WriteVerbose($"Journal '{_journal!.Path}': {_journal.Count} accepted file(s) will be skipped if they come again.");
            if (_journal.IgnoredLines > 0) WriteVerbose($"Journal '{_journal.Path}': {_journal.IgnoredLines} line(s) could not be read and were ignored (a write cut short, or an edited file).");
        }

        /// <summary>
        /// Journals an upload the API accepted unless its task already did; when the line cannot be written, the upload
        /// is still reported (the caller outputs it) and counted, and the batch stops at the next step (StopIfJournalFailed).
        /// </summary>
        private void JournalAccepted(BatchItem item, RecordingUpload upload)
        {
            if (item.Fingerprint is null || _journal is null) return;
            if (!item.TryJournal(_journal, upload)) _unjournaled++;
        }

        /// <summary>
        /// Once a journal line could not be written (a full disk, lost permission), the batch stops: no new file starts,
        /// the uploads in flight end and every one the API accepted is output, then one terminating JournalWriteFailed
        /// error names the journal and counts the accepted uploads it could not record.
        /// </summary>
        private void StopIfJournalFailed()
        {
            if (!(_journal?.WriteFailure is JournalWriteException failure)) return;
            DrainAccepted();
            string accepted = _accepted == 1 ? "1 upload" : $"{_accepted} uploads";
            string missing = _unjournaled == 1 ? "1 of them is" : $"{_unjournaled} of them are";
            string message = $"The journal '{failure.Path}' could not be written: {failure.Reason} The batch stopped; {accepted} the API accepted {(_accepted == 1 ? "was" : "were")} output, "
                + $"and {missing} not in the journal, so running the same command again may send {(_unjournaled == 1 ? "it" : "them")} again "
                + "(the API answers 200, AlreadyExisted, with the same id for a recording it already has).";
            Terminate(AlpharunErrors.Create("JournalWriteFailed", ErrorCategory.WriteError, message, failure.Path, failure));
        }

        private static ErrorCategory CategoryOf(JournalProblemKind kind)
        {
            switch (kind)
            {
                case JournalProblemKind.ReadOnly:
                case JournalProblemKind.NoPermission:
                    return ErrorCategory.PermissionDenied;
                case JournalProblemKind.NotFound:
                    return ErrorCategory.ObjectNotFound;
                case JournalProblemKind.IsFolder:
                    return ErrorCategory.InvalidArgument;
                default:
                    return ErrorCategory.ResourceUnavailable;
            }
        }
    }
}
