using System;

namespace Alpharun
{
    /// <summary>
    /// One upload the API accepted, as the journal remembers it: enough for a Skipped result to say what was sent
    /// without reading the file again. An entry written by a journal of version 2 knows only the id, status, time and
    /// size: its recorded_at, media type and length of audio are null.
    /// </summary>
    public sealed class JournalEntry
    {
        internal JournalEntry(Guid recordingId, RecordingUploadStatus status, DateTimeOffset acceptedAt, long length,
            DateTimeOffset? recordedAt, RecordedAtSource? recordedAtSource, string? mediaType, TimeSpan? audioDuration)
        {
            RecordingId = recordingId;
            Status = status;
            AcceptedAt = acceptedAt;
            Length = length;
            RecordedAt = recordedAt;
            RecordedAtSource = recordedAtSource;
            MediaType = mediaType;
            AudioDuration = audioDuration;
        }

        /// <summary>The id the API gave.</summary>
        public Guid RecordingId { get; }

        /// <summary>What the API said then: Created or AlreadyExisted.</summary>
        public RecordingUploadStatus Status { get; }

        /// <summary>When the answer came.</summary>
        public DateTimeOffset AcceptedAt { get; }

        /// <summary>The bytes of audio sent.</summary>
        public long Length { get; }

        /// <summary>recorded_at as sent; null in a version 2 entry.</summary>
        public DateTimeOffset? RecordedAt { get; }

        /// <summary>Where that recorded_at came from; null in a version 2 entry.</summary>
        public RecordedAtSource? RecordedAtSource { get; }

        /// <summary>The Content-Type sent for the audio; null in a version 2 entry.</summary>
        public string? MediaType { get; }

        /// <summary>The length of the recording from its header; null where the header did not tell it, and in a version 2 entry.</summary>
        public TimeSpan? AudioDuration { get; }
    }
}
