using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Commands
{
    /// <summary>One file of a batch: already decided (an error or a skip) or an upload in flight.</summary>
    internal sealed class BatchItem
    {
        private BatchItem(string file, RecordingUploadRequest? request)
        {
            File = file;
            Request = request;
        }

        public string File { get; }

        public RecordingUploadRequest? Request { get; }

        /// <summary>What the journal records once the upload is accepted, when a journal is kept.</summary>
        public UploadFingerprint? Fingerprint { get; private set; }

        /// <summary>Why the upload's line could not be written to the journal, once that failed.</summary>
        public JournalWriteException? JournalFailure { get; private set; }

        public Task<RecordingUpload>? Upload { get; private set; }

        public RecordingUpload? Result { get; private set; }

        public ErrorRecord? Error { get; private set; }

        public bool IsDone => Upload is null || Upload.IsCompleted;

        /// <summary>True for a file listed again in the batch: it waits for the first one's upload and sends nothing.</summary>
        public bool IsRepeat { get; private set; }

        public static BatchItem Failed(string file, ErrorRecord error) => new BatchItem(file, null) { Error = error };

        /// <summary>A file decided without sending (a journal skip, a recording still being written); a quick-check skip has no request.</summary>
        public static BatchItem Decided(UploadPlan plan) => new BatchItem(plan.Path, plan.Request) { Result = plan.Result };

        /// <summary>A file listed again with the same fields: it ends as <paramref name="first"/> ends, as the same recording (or the same failure).</summary>
        public static BatchItem Repeat(RecordingUploadRequest request, BatchItem first)
        {
            Task<RecordingUpload> upload = first.Upload ?? throw new ArgumentException("Only a file being sent can be repeated.", nameof(first));
            return new BatchItem(request.FilePath, request)
            {
                IsRepeat = true,
                Upload = upload.ContinueWith(sent => RecordingUpload.RepeatOf(request, sent.GetAwaiter().GetResult()),
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default),
            };
        }

        /// <summary>
        /// True once the upload's entry is on disk. It is written by the upload's task as the answer arrives, so one
        /// slow answer ahead in the output order holds back no entry behind it.
        /// </summary>
        public bool Journaled => Volatile.Read(ref _journaled);

        private bool _journaled;

        /// <summary>Starts the upload; an accepted answer is journaled on arrival, whatever the output order.</summary>
        public static BatchItem Sending(RecordingUploadRequest request, UploadFingerprint? fingerprint, UploadJournal? journal, Func<RecordingUploadRequest, Task<RecordingUpload>> send)
        {
            var item = new BatchItem(request.FilePath, request) { Fingerprint = fingerprint };
            item.Upload = item.SendAndJournalAsync(send, fingerprint is null ? null : journal);
            return item;
        }

        private async Task<RecordingUpload> SendAndJournalAsync(Func<RecordingUploadRequest, Task<RecordingUpload>> send, UploadJournal? journal)
        {
            RecordingUpload upload = await send(Request!).ConfigureAwait(false);
            if (journal != null) TryJournal(journal, upload);
            return upload;
        }

        /// <summary>
        /// Writes the entry unless it is already written; false when the journal cannot be written
        /// (<see cref="JournalFailure"/> says why). Called by the upload's task on arrival, and again by the pipeline
        /// thread when it reports the file, which counts the upload as not journaled if that fails too.
        /// </summary>
        public bool TryJournal(UploadJournal journal, RecordingUpload upload)
        {
            if (Journaled || Fingerprint is null) return true;
            try
            {
                journal.Record(Fingerprint, upload);
                Volatile.Write(ref _journaled, true);
                return true;
            }
            catch (JournalWriteException e)
            {
                JournalFailure = e;
                return false;
            }
            catch (ObjectDisposedException)
            {
                // The command is ending (Ctrl+C) and closed the journal: nothing more can be written or reported.
                return false;
            }
        }
    }
}
