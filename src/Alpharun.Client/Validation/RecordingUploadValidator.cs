using System;
using System.Collections.Generic;
using System.IO;

namespace Alpharun
{
    /// <summary>
    /// Every rule of the upload contract, checked before a byte is sent. The sandbox checks the fields it receives
    /// with the same methods, so client and sandbox cannot disagree.
    /// </summary>
    public static class RecordingUploadValidator
    {
        /// <summary>Recordings dated before this are refused as a likely unit or parsing mistake.</summary>
        public static readonly DateTimeOffset EarliestRecordedAt = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>How far into the future recorded_at may be, to allow for clock skew.</summary>
        public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

        /// <summary>Checks the whole request, the file included. An empty list means it may be sent.</summary>
        public static IReadOnlyList<ValidationFailure> Validate(RecordingUploadRequest request) => Validate(request, PathRules.Runtime);

        // With the path rules of another runtime (tests: .NET Framework's, which cannot run here).
        internal static IReadOnlyList<ValidationFailure> Validate(RecordingUploadRequest request, PathRules pathRules)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var failures = new List<ValidationFailure>();
            ValidateFile(request, pathRules, failures);
            failures.AddRange(ValidateFields(request.Teammate, request.RecordedAt, request.Contacts, request.PlaybookId, request.FilePath));
            return failures;
        }

        /// <summary>Throws <see cref="AlpharunValidationException"/> when <see cref="Validate(RecordingUploadRequest)"/> finds anything.</summary>
        public static void EnsureValid(RecordingUploadRequest request)
        {
            IReadOnlyList<ValidationFailure> failures = Validate(request);
            if (failures.Count > 0) throw new AlpharunValidationException(failures);
        }

        /// <summary>The form-field rules: teammate, recorded_at, contacts, playbook id.</summary>
        public static IReadOnlyList<ValidationFailure> ValidateFields(string? teammate, DateTimeOffset recordedAt, IReadOnlyList<Contact?> contacts, Guid? playbookId, string subject)
        {
            var failures = new List<ValidationFailure>();
            ValidateTeammate(teammate, subject, failures);
            ValidateRecordedAt(recordedAt, subject, failures);
            failures.AddRange(ValidatePlaybookId(playbookId, subject));
            failures.AddRange(ContactValidator.Validate(contacts, subject));
            return failures;
        }

        /// <summary>playbook_id, when given, must be a uuid other than the empty one.</summary>
        public static IReadOnlyList<ValidationFailure> ValidatePlaybookId(Guid? playbookId, string subject)
        {
            if (playbookId != Guid.Empty) return Array.Empty<ValidationFailure>();
            return new[]
            {
                new ValidationFailure(ValidationErrorKind.InvalidPlaybookId, "playbook_id",
                    $"The playbook_id of '{subject}' is the empty uuid. Pass the id of a playbook, or leave -PlaybookId out to use routing rules."),
            };
        }

        /// <summary>teammate_email must be given (<see cref="ValidationErrorKind.MissingTeammate"/>) and be a valid email address.</summary>
        public static void ValidateTeammate(string? teammate, string subject, ICollection<ValidationFailure> failures)
        {
            if (string.IsNullOrWhiteSpace(teammate))
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.MissingTeammate, "teammate_email",
                    $"No teammate_email was given for '{subject}': it is blank. Pass -Teammate, or fill in the teammate_email cell, with the email of the teammate who took the call."));
            }
            else if (!EmailAddressRule.IsValid(teammate!.Trim()))
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.InvalidTeammate, "teammate_email",
                    $"The teammate_email '{teammate}' of '{subject}' is not a valid email address. Pass the email the teammate signs in to Alpharun with."));
            }
        }

        /// <summary>recorded_at must lie between <see cref="EarliestRecordedAt"/> and now plus <see cref="FutureTolerance"/>.</summary>
        public static void ValidateRecordedAt(DateTimeOffset recordedAt, string subject, ICollection<ValidationFailure> failures)
        {
            if (recordedAt < EarliestRecordedAt)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.InvalidRecordedAt, "recorded_at",
                    $"The recorded_at {RecordedAtFormat.Format(recordedAt)} of '{subject}' is before {EarliestRecordedAt:yyyy-MM-dd}. Pass the date the call was recorded with -RecordedAt."));
            }
            else if (recordedAt > DateTimeOffset.UtcNow + FutureTolerance)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.InvalidRecordedAt, "recorded_at",
                    $"The recorded_at {RecordedAtFormat.Format(recordedAt)} of '{subject}' is in the future. Pass the date the call was recorded with -RecordedAt."));
            }
        }

        private static void ValidateFile(RecordingUploadRequest request, PathRules pathRules, List<ValidationFailure> failures)
        {
            string path = request.FilePath;
            // First, and alone: every file API below would throw for a path the runtime refuses.
            ValidationFailure? badPath = RecordingPath.Check(path, pathRules);
            if (badPath != null)
            {
                failures.Add(badPath);
                return;
            }

            // Through a link, the file it leads to: its length, and whether it is a regular file at all.
            RecordingFileState file = RecordingFile.Inspect(path);
            string leadsTo = file.LinkTarget is null ? string.Empty : $" (a link to '{file.LinkTarget}')";
            if (file.IsDirectory)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.PathIsDirectory, "audio",
                    $"'{path}' is a directory. Pass audio files, e.g. Get-ChildItem -File *.wav | Send-AlpharunRecording."));
                return;
            }
            if (!file.Exists)
            {
                // A link whose target is gone is there itself, but leads nowhere.
                failures.Add(new ValidationFailure(ValidationErrorKind.FileNotFound, "audio", file.IsLink
                    ? $"The audio file '{path}' does not exist (it is a link to a missing file). Check the path."
                    : $"The audio file '{path}' does not exist. Check the path."));
                return;
            }
            if (file.NotRegular != null)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.NotARegularFile, "audio",
                    $"'{path}'{leadsTo} is not a regular file but {file.NotRegular}: nothing of it was read or sent. Pass the recording file itself."));
                return;
            }
            if (file.Length == 0)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.EmptyFile, "audio", file.IsLink
                    ? $"The audio file '{path}'{leadsTo} is empty (0 bytes), or not a regular file (a named pipe, a device). Pass a finished recording."
                    : $"The audio file '{path}' is empty (0 bytes). Pass a finished recording."));
                return;
            }
            try
            {
                if (file.Problem != null) throw new IOException(file.Problem);
                using (RecordingFile.OpenRead(path, 1))
                {
                }
                if (request.Audio.NotAudio != null) failures.Add(AudioContentRule.NotAudio(path, request.Audio));
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.FileNotFound, "audio",
                    $"The audio file '{path}' does not exist. Check the path."));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.FileUnreadable, "audio",
                    $"The audio file '{path}' cannot be read: {e.Message} Check its permissions, or whether another program holds it open."));
            }
        }
    }
}
