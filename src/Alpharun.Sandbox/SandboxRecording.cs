using System;
using System.Collections.Generic;

namespace Alpharun.Sandbox
{
    /// <summary>One upload the sandbox accepted (HTTP 201 or 200), as it was received.</summary>
    public sealed class SandboxRecording
    {
        internal SandboxRecording(Guid recordingId, RecordingUploadStatus status, ReceivedUpload upload, DateTimeOffset receivedAt)
        {
            RecordingId = recordingId;
            Status = status;
            FileName = upload.FileName;
            AudioContentType = upload.AudioContentType;
            Size = upload.Size;
            AudioDuration = upload.AudioDuration;
            Sha256 = upload.Sha256;
            Teammate = upload.Teammate;
            RecordedAt = upload.RecordedAt;
            RecordedAtParsed = upload.RecordedAtParsed;
            PlaybookId = upload.PlaybookId;
            Contacts = upload.Contacts;
            ContactsJson = upload.ContactsJson;
            ReceivedAt = receivedAt;
        }

        /// <summary>The id answered; a repeat of the same recording gets the id of the first.</summary>
        public Guid RecordingId { get; }

        /// <summary>Created (201) for a new recording, AlreadyExisted (200) for a repeat.</summary>
        public RecordingUploadStatus Status { get; }

        /// <summary>201 or 200.</summary>
        public int HttpStatus => Status == RecordingUploadStatus.Created ? 201 : 200;

        /// <summary>The audio part's file name (filename* when sent).</summary>
        public string FileName { get; }

        /// <summary>The audio part's Content-Type.</summary>
        public string AudioContentType { get; }

        /// <summary>Bytes in the audio part.</summary>
        public long Size { get; }

        /// <summary>The length of the audio received, from its header (the core's content check); null where unknown.</summary>
        public TimeSpan? AudioDuration { get; }

        /// <summary>SHA-256 of the audio bytes, lowercase hex.</summary>
        public string Sha256 { get; }

        /// <summary>teammate_email as received.</summary>
        public string Teammate { get; }

        /// <summary>recorded_at exactly as received.</summary>
        public string RecordedAt { get; }

        /// <summary>recorded_at as parsed, with its offset.</summary>
        public DateTimeOffset RecordedAtParsed { get; }

        /// <summary>playbook_id, or null when routing rules chose.</summary>
        public Guid? PlaybookId { get; }

        /// <summary>The contacts, decoded.</summary>
        public IReadOnlyList<Contact> Contacts { get; }

        /// <summary>The contacts part's text as received.</summary>
        public string ContactsJson { get; }

        /// <summary>When the sandbox accepted the upload (local time).</summary>
        public DateTimeOffset ReceivedAt { get; }

        /// <inheritdoc />
        public override string ToString() => $"{FileName}: {Status} {RecordingId}";
    }
}
