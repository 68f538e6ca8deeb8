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

        /// <summary>The journal key, when a journal is kept.</summary>
        public string? JournalKey { get; private set; }

        public Task<RecordingUpload>? Upload { get; private set; }

        public RecordingUpload? Result { get; private set; }

        public ErrorRecord? Error { get; private set; }

        public bool IsDone => Upload is null || Upload.IsCompleted;

        /// <summary>True for a file listed again in the batch: it waits for the first one's upload and sends nothing.</summary>
        public bool IsRepeat { get; private set; }

        public static BatchItem Failed(string file, ErrorRecord error) => new BatchItem(file, null) { Error = error };

        public static BatchItem Decided(RecordingUploadRequest request, RecordingUpload result) => new BatchItem(request.FilePath, request) { Result = result };

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
        public static BatchItem Sending(RecordingUploadRequest request, string? journalKey, UploadJournal? journal, Func<RecordingUploadRequest, Task<RecordingUpload>> send)
        {
            var item = new BatchItem(request.FilePath, request) { JournalKey = journalKey };
            item.Upload = item.SendAndJournalAsync(send, journalKey is null ? null : journal);
            return item;
        }

        private async Task<RecordingUpload> SendAndJournalAsync(Func<RecordingUploadRequest, Task<RecordingUpload>> send, UploadJournal? journal)
        {
            RecordingUpload upload = await send(Request!).ConfigureAwait(false);
            if (journal != null) TryJournal(journal, upload);
            return upload;
        }

        // Writes the entry unless it is already written; false when the journal cannot be written.
        private bool TryJournal(UploadJournal journal, RecordingUpload upload)
        {
            if (Journaled || JournalKey is null) return true;
            try
            {
                journal.Record(JournalKey, upload);
                Volatile.Write(ref _journaled, true);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ObjectDisposedException)
            {
                // The pipeline thread tries again when it reports the file, and says so if that fails too.
                return false;
            }
        }
    }
}
