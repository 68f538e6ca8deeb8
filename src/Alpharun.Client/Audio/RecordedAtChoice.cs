using System;
using System.Globalization;
using System.IO;

namespace Alpharun
{
    /// <summary>
    /// recorded_at for a file: the value given, else the date in the recording's own metadata, else the file's last
    /// write time (which a copy, an archive extraction or a sync tool changes, so it comes last). A metadata date without
    /// a time of day gives way to a last write time on that same day.
    /// </summary>
    public sealed class RecordedAtChoice
    {
        private RecordedAtChoice(DateTimeOffset value, RecordedAtSource source, string? note)
        {
            Value = value;
            Source = source;
            Note = note;
        }

        /// <summary>The recorded_at to send.</summary>
        public DateTimeOffset Value { get; }

        /// <summary>Where it came from.</summary>
        public RecordedAtSource Source { get; }

        /// <summary>A sentence for the verbose stream when the value was not given; null when it was.</summary>
        public string? Note { get; }

        /// <summary>Chooses recorded_at for the file at <paramref name="path"/> whose content check gave <paramref name="audio"/>.</summary>
        public static RecordedAtChoice For(string path, DateTimeOffset? given, AudioInfo audio)
        {
            if (audio is null) throw new ArgumentNullException(nameof(audio));
            if (given.HasValue) return new RecordedAtChoice(given.Value, RecordedAtSource.Parameter, null);
            MetadataDate? date = audio.RecordedAt;
            string? ignored = null;
            if (date != null && (date.Value < RecordingUploadValidator.EarliestRecordedAt || date.Value > DateTimeOffset.UtcNow + RecordingUploadValidator.FutureTolerance))
            {
                // A device with an unset clock writes 1904, 1970 or 2000: not a reason to refuse the recording.
                ignored = $" Its {date.Tag} metadata says {RecordedAtFormat.Format(date.Value)}, which cannot be right (a device clock not set?), so it was ignored.";
                date = null;
            }
            // Through a link, the write time of the file it leads to (the link's own is when it was made).
            RecordingFileState file = RecordingFile.Inspect(path);
            bool exists = file.Exists && file.Problem is null;
            DateTimeOffset written = exists ? new DateTimeOffset(file.LastWriteTimeUtc.ToLocalTime()) : DateTimeOffset.Now;
            if (date != null && !date.HasTimeOfDay && exists && written.DateTime.Date == date.Value.DateTime.Date)
            {
                // A day alone ("2023-11-02") would be sent as its midnight: the last write time on that very day is the
                // better guess of when the call was, and the metadata does not contradict it.
                return new RecordedAtChoice(written, RecordedAtSource.LastWriteTime,
                    $"-RecordedAt was not given for '{path}': its {date.Tag} metadata gives the date {date.Value.DateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} without a time of day, "
                    + $"and its last write time, {RecordedAtFormat.Format(written)}, falls on that date: using the last write time.");
            }
            if (date != null)
            {
                string zone = date.HasZone ? string.Empty : " It gives no time zone, so the local zone was assumed, as for a last write time.";
                string midnight = date.HasTimeOfDay ? string.Empty : " It gives no time of day, so midnight was assumed.";
                return new RecordedAtChoice(date.Value, RecordedAtSource.Metadata,
                    $"-RecordedAt was not given for '{path}': using the date in its {date.Tag} metadata, {RecordedAtFormat.Format(date.Value)}.{zone}{midnight}");
            }
            return new RecordedAtChoice(written, RecordedAtSource.LastWriteTime,
                ignored is null
                    ? $"-RecordedAt was not given for '{path}' and its metadata holds no recording date: using its last write time, {RecordedAtFormat.Format(written)}."
                    : $"-RecordedAt was not given for '{path}': using its last write time, {RecordedAtFormat.Format(written)}.{ignored}");
        }
    }
}
