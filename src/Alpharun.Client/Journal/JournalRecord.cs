using System;
using System.Collections.Generic;

namespace Alpharun
{
    /// <summary>
    /// An entry as the journal keeps it in memory: 56 bytes in an array, no object and no string per entry (the media
    /// type is an index into a short list shared by all entries). <see cref="ToEntry"/> makes the public view on demand.
    /// </summary>
    internal struct JournalRecord
    {
        private const byte None = byte.MaxValue;

        public Guid RecordingId;
        public long AcceptedAtTicks;
        public long RecordedAtTicks;
        public long Length;
        public long DurationTicks;          // -1: not known
        public short AcceptedAtOffsetMinutes;
        public short RecordedAtOffsetMinutes;
        public byte Status;
        public byte Source;                 // None: no recorded_at (a version 2 line)
        public byte MediaType;              // None: not known

        public static JournalRecord From(JournalEntry entry, List<string> mediaTypes) =>
            Of(entry.RecordingId, entry.Status, entry.AcceptedAt, entry.Length, entry.RecordedAt, entry.RecordedAtSource, IndexOf(entry.MediaType, mediaTypes), entry.AudioDuration);

        public static JournalRecord Of(Guid recordingId, RecordingUploadStatus status, DateTimeOffset acceptedAt, long length,
            DateTimeOffset? recordedAt, RecordedAtSource? source, byte mediaType, TimeSpan? duration) => new JournalRecord
        {
            RecordingId = recordingId,
            AcceptedAtTicks = acceptedAt.Ticks,
            AcceptedAtOffsetMinutes = (short)acceptedAt.Offset.TotalMinutes,
            RecordedAtTicks = recordedAt?.Ticks ?? 0,
            RecordedAtOffsetMinutes = (short)(recordedAt?.Offset.TotalMinutes ?? 0),
            Length = length,
            DurationTicks = duration?.Ticks ?? -1,
            Status = (byte)status,
            Source = recordedAt.HasValue && source.HasValue ? (byte)source.Value : None,
            MediaType = mediaType,
        };

        public JournalEntry ToEntry(List<string> mediaTypes) => new JournalEntry(
            RecordingId,
            (RecordingUploadStatus)Status,
            new DateTimeOffset(AcceptedAtTicks, TimeSpan.FromMinutes(AcceptedAtOffsetMinutes)),
            Length,
            Source == None ? (DateTimeOffset?)null : new DateTimeOffset(RecordedAtTicks, TimeSpan.FromMinutes(RecordedAtOffsetMinutes)),
            Source == None ? (RecordedAtSource?)null : (RecordedAtSource)Source,
            MediaType == None ? null : mediaTypes[MediaType],
            DurationTicks < 0 ? (TimeSpan?)null : TimeSpan.FromTicks(DurationTicks));

        /// <summary>The index of <paramref name="mediaType"/> in the shared list, added when new; None beyond 64 distinct ones.</summary>
        public static byte IndexOf(string? mediaType, List<string> mediaTypes)
        {
            if (mediaType is null) return None;
            int index = mediaTypes.IndexOf(mediaType);
            if (index >= 0) return (byte)index;
            if (mediaTypes.Count >= 64) return None;
            mediaTypes.Add(mediaType);
            return (byte)(mediaTypes.Count - 1);
        }
    }
}
