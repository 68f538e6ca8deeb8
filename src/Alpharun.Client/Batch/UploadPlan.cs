using System;
using System.Collections.Generic;

namespace Alpharun
{
    /// <summary>
    /// The decision for one file of a batch, with what the decision rests on: the request to send, the result already
    /// known (a journal skip), or the rules it breaks; and the sentences the verbose stream shows about it.
    /// </summary>
    public sealed class UploadPlan
    {
        private UploadPlan(UploadPlanKind kind, string path, RecordingUploadRequest? request, RecordingUpload? result, IReadOnlyList<ValidationFailure> failures, IReadOnlyList<string> notes)
        {
            Kind = kind;
            Path = path;
            Request = request;
            Result = result;
            Failures = failures;
            Notes = notes;
        }

        /// <summary>What to do with the file.</summary>
        public UploadPlanKind Kind { get; }

        /// <summary>The file's path as given to the planner.</summary>
        public string Path { get; }

        /// <summary>The request built for the file; null only when the file failed before one could be built.</summary>
        public RecordingUploadRequest? Request { get; }

        /// <summary>The outcome already known without sending (<see cref="UploadPlanKind.Skip"/>); otherwise null.</summary>
        public RecordingUpload? Result { get; }

        /// <summary>The rules broken (<see cref="UploadPlanKind.Invalid"/>); otherwise empty.</summary>
        public IReadOnlyList<ValidationFailure> Failures { get; }

        /// <summary>Sentences for the verbose stream, in the order they were found.</summary>
        public IReadOnlyList<string> Notes { get; }

        /// <summary>The journal key the accepted upload is recorded under; null without a journal.</summary>
        public string? JournalKey { get; private set; }

        internal static UploadPlan Send(RecordingUploadRequest request, string? journalKey, IReadOnlyList<string> notes) =>
            new UploadPlan(UploadPlanKind.Send, request.FilePath, request, null, Array.Empty<ValidationFailure>(), notes) { JournalKey = journalKey };

        internal static UploadPlan Skip(RecordingUploadRequest request, RecordingUpload result, IReadOnlyList<string> notes) =>
            new UploadPlan(UploadPlanKind.Skip, request.FilePath, request, result, Array.Empty<ValidationFailure>(), notes);

        internal static UploadPlan Invalid(string path, RecordingUploadRequest? request, IReadOnlyList<ValidationFailure> failures, IReadOnlyList<string> notes) =>
            new UploadPlan(UploadPlanKind.Invalid, path, request, null, failures, notes);
    }
}
