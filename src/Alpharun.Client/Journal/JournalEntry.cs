using System;

namespace Alpharun
{
    /// <summary>One file the API accepted, as the journal remembers it.</summary>
    public sealed class JournalEntry
    {
        internal JournalEntry(string key, string path, long length, Guid recordingId, RecordingUploadStatus status, DateTimeOffset acceptedAt)
        {
            Key = key;
            Path = path;
            Length = length;
            RecordingId = recordingId;
            Status = status;
            AcceptedAt = acceptedAt;
        }

        /// <summary>The hash of what identifies the upload: file path, size, last write time and every request field.</summary>
        public string Key { get; }

        /// <summary>The file's full path.</summary>
        public string Path { get; }

        /// <summary>The file's size when accepted.</summary>
        public long Length { get; }

        /// <summary>The id the API gave.</summary>
        public Guid RecordingId { get; }

        /// <summary>What the API said then: Created or AlreadyExisted.</summary>
        public RecordingUploadStatus Status { get; }

        /// <summary>When the answer came.</summary>
        public DateTimeOffset AcceptedAt { get; }
    }
}
