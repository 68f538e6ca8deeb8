using System;
using System.Collections.Generic;

namespace Alpharun
{
    /// <summary>
    /// Decides, file by file, what a batch does: the journal's quick check (no read), the content check, the choice of
    /// recorded_at, the API's rules and the journal's content lookup, in that order, so the cmdlets and a C# batch
    /// decide alike. Not thread-safe: one batch, one thread.
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

        /// <summary>Decides what to do with the file at <paramref name="path"/> (a full path) sent with <paramref name="fields"/>.</summary>
        public UploadPlan Plan(string path, RecordingFields fields)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (fields is null) throw new ArgumentNullException(nameof(fields));
            var notes = new List<string>();
            IReadOnlyList<ValidationFailure> given = fields.ValidateGiven(path);
            if (given.Count > 0) return UploadPlan.Invalid(path, null, given, notes);

            // Journal (issue 16): the quick check comes before anything reads the file, the content check included: a
            // file whose path, size and last write time match an entry for the same fields is skipped unread.
            UploadFingerprint? fingerprint = Journal is null ? null : UploadJournal.Identify(path, fields);
            if (fingerprint != null && Journal!.TryQuick(fingerprint, out JournalEntry seen))
            {
                notes.Add($"'{path}': skipped without reading it: the journal shows this path, size and last write time accepted as recording {seen.RecordingId} on {seen.AcceptedAt:u}.");
                return UploadPlan.Skip(path, RecordingUpload.Skipped(path, fields, seen), notes);
            }

            // The content check comes first: the recording's own metadata may say when it was recorded.
            AudioInfo audio = AudioProbe.Probe(path);
            RecordedAtChoice recordedAt = RecordedAtChoice.For(path, fields.RecordedAt, audio);
            if (recordedAt.Note != null) notes.Add(recordedAt.Note);
            var request = new RecordingUploadRequest(path, fields.Teammate, recordedAt.Value, fields.Contacts, fields.PlaybookId)
            {
                Audio = audio,
                RecordedAtSource = recordedAt.Source,
                SentDigest = fingerprint?.Digest,
            };

            IReadOnlyList<ValidationFailure> failures = RecordingUploadValidator.Validate(request);
            if (failures.Count > 0) return UploadPlan.Invalid(path, request, failures, notes);
            notes.Add(AudioNote.For(request));

            // Journal: a touched, moved or copied file is found by its content, hashed only when an entry could match.
            if (fingerprint != null && Journal!.FindByContent(fingerprint, request, notes) is JournalEntry same)
            {
                notes.Add($"'{path}': skipped, the journal shows the same content accepted as recording {same.RecordingId} on {same.AcceptedAt:u}.");
                return UploadPlan.Skip(request, RecordingUpload.Skipped(request, same), notes);
            }
            return UploadPlan.Send(request, fingerprint, notes);
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
