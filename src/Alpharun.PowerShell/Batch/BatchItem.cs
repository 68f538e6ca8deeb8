using System;
using System.Management.Automation;
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

        public static BatchItem Failed(string file, ErrorRecord error) => new BatchItem(file, null) { Error = error };

        public static BatchItem Decided(RecordingUploadRequest request, RecordingUpload result) => new BatchItem(request.FilePath, request) { Result = result };

        public static BatchItem Sending(RecordingUploadRequest request, string? journalKey, Func<RecordingUploadRequest, Task<RecordingUpload>> send) =>
            new BatchItem(request.FilePath, request) { JournalKey = journalKey, Upload = send(request) };
    }
}
