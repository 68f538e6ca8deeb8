using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text;

namespace Alpharun
{
    /// <summary>
    /// What Send-AlpharunRecording writes for one accepted file: <see cref="RecordingUpload"/> in the shape users log.
    /// Every property is a plain value, so ConvertTo-Json (default depth) and Export-Csv write it whole and readable;
    /// Contacts and RecordedAt are text that -Contact and -RecordedAt take back, so a CSV of results can be sent again.
    /// Written with the type name Alpharun.RecordingUpload, which the format file uses, and the Id alias of RecordingId.
    /// </summary>
    public sealed class RecordingUploadResult
    {
        /// <summary>The type name the output carries (views, [OutputType]).</summary>
        public const string TypeName = "Alpharun.RecordingUpload";

        private RecordingUploadResult(RecordingUpload upload)
        {
            FileName = upload.FileName;
            Status = upload.Status.ToString();
            // Nothing was sent for a file still being written: it has no id yet (not the nil uuid).
            RecordingId = upload.Status == RecordingUploadStatus.InProgress ? (Guid?)null : upload.RecordingId;
            Teammate = upload.Teammate;
            RecordedAt = RecordedAtFormat.Format(upload.RecordedAt);
            RecordedAtSource = upload.RecordedAtSource.ToString();
            Contacts = ContactsText(upload.Contacts);
            PlaybookId = upload.PlaybookId;
            Path = upload.Path;
            Length = upload.Length;
            MediaType = upload.MediaType;
            AudioDurationSeconds = upload.AudioDuration.HasValue ? Math.Round(upload.AudioDuration.Value.TotalSeconds, 3) : (double?)null;
            HttpStatus = upload.HttpStatus;
            Attempts = upload.Attempts;
            ElapsedSeconds = Math.Round(upload.Elapsed.TotalSeconds, 3);
            AcceptedAt = upload.AcceptedAt.HasValue ? upload.AcceptedAt.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture) : null;
        }

        /// <summary>The result of <paramref name="upload"/>, wrapped with the type name <see cref="TypeName"/> first.</summary>
        public static PSObject ToPSObject(RecordingUpload upload)
        {
            if (upload is null) throw new ArgumentNullException(nameof(upload));
            var wrapped = new PSObject(new RecordingUploadResult(upload));
            wrapped.TypeNames.Insert(0, TypeName);
            IdAlias.AddTo(wrapped);
            return wrapped;
        }

        /// <summary>File name as sent.</summary>
        public string FileName { get; }

        /// <summary>Created (201), AlreadyExisted (200), Skipped (the journal shows it accepted before) or InProgress (still being written: not sent, a later run sends it).</summary>
        public string Status { get; }

        /// <summary>The recording's id at Alpharun; null for a file still being written (InProgress), which was not sent.</summary>
        public Guid? RecordingId { get; }

        /// <summary>Teammate email sent.</summary>
        public string Teammate { get; }

        /// <summary>recorded_at exactly as sent: ISO 8601 with its offset, e.g. 2024-01-15T14:30:00-05:00.</summary>
        public string RecordedAt { get; }

        /// <summary>Where RecordedAt came from: Parameter, Metadata (the recording's own date) or LastWriteTime.</summary>
        public string RecordedAtSource { get; }

        /// <summary>
        /// The contacts sent, as text -Contact takes: emails and phone numbers joined with '; ' when each contact is just
        /// one of those; otherwise the contacts JSON array as sent to the API.
        /// </summary>
        public string Contacts { get; }

        /// <summary>Playbook id sent, or null when routing rules chose.</summary>
        public Guid? PlaybookId { get; }

        /// <summary>Full path of the uploaded file.</summary>
        public string Path { get; }

        /// <summary>Bytes sent for the audio part; for a file still being written, the bytes it held when checked.</summary>
        public long Length { get; }

        /// <summary>The Content-Type sent: the media type of the content when recognised, else the extension's.</summary>
        public string MediaType { get; }

        /// <summary>
        /// The recording's length in seconds (milliseconds precision), from its header; null where the header does not
        /// tell it. Seconds, like ElapsedSeconds, so JSON and CSV logs sum it directly.
        /// </summary>
        public double? AudioDurationSeconds { get; }

        /// <summary>The HTTP status the API answered (201 or 200); 0 when skipped.</summary>
        public int HttpStatus { get; }

        /// <summary>How many times it was sent: 1, more after retries, 0 when skipped.</summary>
        public int Attempts { get; }

        /// <summary>Seconds from the first byte sent to the answer read (milliseconds precision); 0 when skipped.</summary>
        public double ElapsedSeconds { get; }

        /// <summary>
        /// When the API accepted it, as ISO 8601 text with its offset (milliseconds precision): in this run, or for a
        /// Skipped file in the run the journal remembers; null when nothing was accepted (a call still in progress).
        /// </summary>
        public string? AcceptedAt { get; }

        /// <inheritdoc />
        public override string ToString() => $"{FileName}: {Status} {RecordingId}";

        /// <summary>The contacts as text that <see cref="ContactParser.ParseText"/> reads back to the same contacts.</summary>
        public static string ContactsText(IReadOnlyList<Contact> contacts)
        {
            if (contacts is null) throw new ArgumentNullException(nameof(contacts));
            var identifiers = new List<string>(contacts.Count);
            foreach (Contact contact in contacts)
            {
                string? identifier = LoneIdentifier(contact);
                if (identifier is null) return Encoding.UTF8.GetString(ContactsJson.Encode(contacts));
                identifiers.Add(identifier);
            }
            return identifiers.Count == 0 ? "[]" : string.Join("; ", identifiers);
        }

        // An email or phone number alone, when the text parser would read it back as the same kind; otherwise null.
        private static string? LoneIdentifier(Contact contact)
        {
            if (contact.ExtId != null || contact.FirstName != null || contact.LastName != null || contact.CustomFields.Count > 0) return null;
            string? value;
            bool readsBack;
            if (contact.Email != null && contact.PhoneNumber is null)
            {
                value = contact.Email;
                readsBack = value.IndexOf('@') >= 0;
            }
            else if (contact.PhoneNumber != null && contact.Email is null)
            {
                value = contact.PhoneNumber;
                readsBack = value.IndexOf('@') < 0 && PhoneNumberRule.IsValid(value);
            }
            else
            {
                return null;
            }
            bool separable = value.IndexOfAny(new[] { ';', ',' }) < 0 && value.Trim() == value && value[0] != '[' && value[0] != '{';
            return readsBack && separable ? value : null;
        }
    }
}
