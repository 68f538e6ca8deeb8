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
        public static IReadOnlyList<ValidationFailure> Validate(RecordingUploadRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            var failures = new List<ValidationFailure>();
            ValidateFile(request, failures);
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

        /// <summary>teammate_email must be a valid email address.</summary>
        public static void ValidateTeammate(string? teammate, string subject, ICollection<ValidationFailure> failures)
        {
            if (string.IsNullOrWhiteSpace(teammate))
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.InvalidTeammate, "teammate_email",
                    $"No teammate_email was given for '{subject}'. Pass -Teammate with the email of the teammate who took the call."));
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

        private static void ValidateFile(RecordingUploadRequest request, List<ValidationFailure> failures)
        {
            string path = request.FilePath;
            string name = Path.GetFileName(path);
            foreach (char c in name)
            {
                if (char.IsControl(c))
                {
                    failures.Add(new ValidationFailure(ValidationErrorKind.InvalidFileName, "audio",
                        $"The file name of '{path}' holds a control character (such as a line break), which cannot be sent in a multipart header. Rename the file."));
                    return;
                }
            }

            if (Directory.Exists(path))
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.PathIsDirectory, "audio",
                    $"'{path}' is a directory. Pass audio files, e.g. Get-ChildItem -File *.wav | Send-AlpharunRecording."));
                return;
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.FileNotFound, "audio",
                    $"The audio file '{path}' does not exist. Check the path."));
                return;
            }
            if (info.Length == 0)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.EmptyFile, "audio",
                    $"The audio file '{path}' is empty (0 bytes). Pass a finished recording."));
                return;
            }
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1))
                {
                }
                string? notAudio = request.Audio.NotAudio;
                if (notAudio != null) failures.Add(AudioContentRule.NotAudio(path, notAudio));
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                // FileInfo.Exists is true for a symbolic link whose target is gone: opening it tells.
                failures.Add(new ValidationFailure(ValidationErrorKind.FileNotFound, "audio",
                    $"The audio file '{path}' does not exist (it is a link to a missing file). Check the path."));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.FileUnreadable, "audio",
                    $"The audio file '{path}' cannot be read: {e.Message} Check its permissions, or whether another program holds it open."));
            }
        }
    }
}
