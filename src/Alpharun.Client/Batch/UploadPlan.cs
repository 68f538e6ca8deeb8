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

        /// <summary>
        /// The request built for the file; null when the file failed before one could be built, and when the journal's
        /// quick check skipped it without reading it.
        /// </summary>
        public RecordingUploadRequest? Request { get; }

        /// <summary>The outcome already known without sending (<see cref="UploadPlanKind.Skip"/>, <see cref="UploadPlanKind.InProgress"/>); otherwise null.</summary>
        public RecordingUpload? Result { get; }

        /// <summary>The rules broken (<see cref="UploadPlanKind.Invalid"/>); otherwise empty.</summary>
        public IReadOnlyList<ValidationFailure> Failures { get; }

        /// <summary>Sentences for the verbose stream, in the order they were found.</summary>
        public IReadOnlyList<string> Notes { get; }

        /// <summary>What the journal records once the API accepts the upload (<see cref="UploadJournal.Record(UploadPlan, RecordingUpload)"/>); null without a journal.</summary>
        public UploadFingerprint? Fingerprint { get; private set; }

        /// <summary>Sentences for the warning stream: what the user should know about a file sent anyway (a recording whose writer stopped).</summary>
        public IReadOnlyList<string> Warnings { get; private set; } = Array.Empty<string>();

        internal UploadPlan WithWarnings(IReadOnlyList<string> warnings)
        {
            Warnings = warnings;
            return this;
        }

        internal static UploadPlan Send(RecordingUploadRequest request, UploadFingerprint? fingerprint, IReadOnlyList<string> notes) =>
            new UploadPlan(UploadPlanKind.Send, request.FilePath, request, null, Array.Empty<ValidationFailure>(), notes) { Fingerprint = fingerprint };

        internal static UploadPlan Skip(RecordingUploadRequest request, RecordingUpload result, IReadOnlyList<string> notes) =>
            new UploadPlan(UploadPlanKind.Skip, request.FilePath, request, result, Array.Empty<ValidationFailure>(), notes);

        internal static UploadPlan InProgress(RecordingUploadRequest request, RecordingUpload result, IReadOnlyList<string> notes) =>
            new UploadPlan(UploadPlanKind.InProgress, request.FilePath, request, result, Array.Empty<ValidationFailure>(), notes);

        // The journal's quick check: nothing was read, so no request was built.
        internal static UploadPlan Skip(string path, RecordingUpload result, IReadOnlyList<string> notes) =>
            new UploadPlan(UploadPlanKind.Skip, path, null, result, Array.Empty<ValidationFailure>(), notes);

        internal static UploadPlan Invalid(string path, RecordingUploadRequest? request, IReadOnlyList<ValidationFailure> failures, IReadOnlyList<string> notes) =>
            new UploadPlan(UploadPlanKind.Invalid, path, request, null, failures, notes);
    }
}
