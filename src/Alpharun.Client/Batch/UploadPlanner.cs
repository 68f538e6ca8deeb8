using System;
using System.Collections.Generic;

namespace Alpharun
{
    /// <summary>
    /// Decides, file by file, what a batch does: the journal's quick check (no read), the content check, whether the
    /// recording is finished (<see cref="RecordingReadiness"/>), the choice of recorded_at, the API's rules and the
    /// journal's content lookup, in that order, so the cmdlets and a C# batch decide alike. Not thread-safe: one batch,
    /// one thread.
    /// </summary>
    public sealed class UploadPlanner
    {
        /// <summary>Creates a planner; with a <paramref name="journal"/>, files it shows as accepted are skipped.</summary>
        public UploadPlanner(UploadJournal? journal = null)
        {
            Journal = journal;
        }

        /// <summary>The resume journal, or null.</summary>
        public UploadJournal? Journal { get; }

        /// <summary>The rule for recordings still being written: no minimum age and the default quiet period unless set.</summary>
        public RecordingReadiness Readiness { get; init; } = new RecordingReadiness();

        /// <summary>Decides what to do with the file at <paramref name="path"/> (a full path) sent with <paramref name="fields"/>.</summary>
        public UploadPlan Plan(string path, RecordingFields fields)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (fields is null) throw new ArgumentNullException(nameof(fields));
            var notes = new List<string>();
            IReadOnlyList<ValidationFailure> given = fields.ValidateGiven(path);
            if (given.Count > 0) return UploadPlan.Invalid(path, null, given, notes);

            // The file is looked at (not read) before anything else, and again after the content check, to see it change.
            RecordingFileState before = RecordingFile.Inspect(path);

            // Journal (issue 16): the quick check comes before anything reads the file, the content check included: a
            // file whose path, size and last write time match an entry for the same fields is skipped unread.
            UploadFingerprint? fingerprint = Journal is null ? null : UploadJournal.Identify(before, fields);
            if (fingerprint != null && Journal!.TryQuick(fingerprint, out JournalEntry seen))
            {
                notes.Add($"'{path}': skipped without reading it: the journal shows this path, size and last write time accepted as recording {seen.RecordingId} on {seen.AcceptedAt:u}.");
                return UploadPlan.Skip(path, RecordingUpload.Skipped(path, fields, seen), notes);
            }

            // The content check: the recording's own metadata may say when it was recorded, and its bytes whether its
            // writer has finished it.
            AudioInfo audio = AudioProbe.Probe(path);
            ReadinessVerdict readiness = Readiness.Check(path, before, audio);
            RecordedAtChoice recordedAt = RecordedAtChoice.For(path, fields.RecordedAt, audio);
            var request = new RecordingUploadRequest(path, fields.Teammate, recordedAt.Value, fields.Contacts, fields.PlaybookId)
            {
                Audio = audio,
                RecordedAtSource = recordedAt.Source,
                SentDigest = fingerprint?.Digest,
            };
            if (readiness.State == ReadinessState.InProgress)
            {
                // Not an error and not journaled: the next run looks at it again.
                notes.Add(readiness.Sentence!);
                return UploadPlan.InProgress(request, RecordingUpload.InProgress(request, readiness.File.Length), notes);
            }
            if (recordedAt.Note != null) notes.Add(recordedAt.Note);

            IReadOnlyList<ValidationFailure> failures = RecordingUploadValidator.Validate(request);
            if (failures.Count > 0) return UploadPlan.Invalid(path, request, failures, notes);
            notes.Add(AudioNote.For(request));
            IReadOnlyList<string> warnings = readiness.State == ReadinessState.WriterStopped ? new[] { readiness.Sentence! } : Array.Empty<string>();

            // Journal: a touched, moved or copied file is found by its content, hashed only when an entry could match.
            if (fingerprint != null && Journal!.FindByContent(fingerprint, request, notes) is JournalEntry same)
            {
                notes.Add($"'{path}': skipped, the journal shows the same content accepted as recording {same.RecordingId} on {same.AcceptedAt:u}.");
                return UploadPlan.Skip(request, RecordingUpload.Skipped(request, same), notes);
            }
            return UploadPlan.Send(request, fingerprint, notes).WithWarnings(warnings);
        }

        /// <summary>
        /// Checks a planned file again just before it is sent (it may have gone while it waited for its turn); the
        /// content check is not redone. Empty when it can still be sent.
        /// </summary>
        public IReadOnlyList<ValidationFailure> Recheck(UploadPlan plan)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            if (plan.Request is null) throw new ArgumentException("Only a planned upload can be checked again.", nameof(plan));
            return RecordingUploadValidator.Validate(plan.Request);
        }
    }
}
