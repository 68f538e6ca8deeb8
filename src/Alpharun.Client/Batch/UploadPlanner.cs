using System;
using System.Collections.Generic;

namespace Alpharun
{
    /// <summary>
    /// Decides, file by file, what a batch does: the content check, the choice of recorded_at, the API's rules and
    /// the journal, in that order, so the cmdlets and a C# batch decide alike. Not thread-safe: one batch, one thread.
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

            // The content check comes first: the recording's own metadata may say when it was recorded.
            AudioInfo audio = AudioProbe.Probe(path);
            RecordedAtChoice recordedAt = RecordedAtChoice.For(path, fields.RecordedAt, audio);
            if (recordedAt.Note != null) notes.Add(recordedAt.Note);
            var request = new RecordingUploadRequest(path, fields.Teammate, recordedAt.Value, fields.Contacts, fields.PlaybookId)
            {
                Audio = audio,
                RecordedAtSource = recordedAt.Source,
            };

            IReadOnlyList<ValidationFailure> failures = RecordingUploadValidator.Validate(request);
            if (failures.Count > 0) return UploadPlan.Invalid(path, request, failures, notes);
            notes.Add(AudioNote.For(request));

            string? journalKey = Journal is null ? null : UploadJournal.KeyOf(request);
            if (journalKey != null && Journal!.TryGet(journalKey, out JournalEntry entry))
            {
                notes.Add($"'{path}': skipped, the journal shows it accepted as recording {entry.RecordingId} on {entry.AcceptedAt:u}.");
                return UploadPlan.Skip(request, RecordingUpload.Skipped(request, entry), notes);
            }
            return UploadPlan.Send(request, journalKey, notes);
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
