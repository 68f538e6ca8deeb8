using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Alpharun
{
    /// <summary>
    /// One line of a journal, written and read. Version 3 (<c>"v":3</c>) holds the keys (content, quick, the fields
    /// and the first bytes' hash, each 32 hex digits), the path and stamp the file had, and what a Skipped result
    /// shows. A line without keys records an upload whose body did not go out whole before the API answered: kept for
    /// the record (its id), never used to skip. Version 2 lines (no <c>"v"</c>: a 64-digit key of size, SHA-256 and
    /// every field, the path, size, id, status and time) are still read.
    /// </summary>
    internal struct JournalLine
    {
        public const int CurrentVersion = 3;

        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions { Indented = false };

        public int Version;

        /// <summary>v3: the content key; v2: the line's key (first 128 bits); null for an upload not sent whole.</summary>
        public Hash128? Key;

        public Hash128? Quick;

        public Hash128? Fields;

        public Hash128? Head;

        public JournalRecord Record;

        /// <summary>The version 3 line for <paramref name="entry"/>, ending in a line feed.</summary>
        public static byte[] Write(JournalEntry entry, string path, FileStamp? stamp, Hash128? key, Hash128? quick, Hash128? fields, Hash128? head)
        {
            using var buffer = new MemoryStream(512);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteNumber("v", CurrentVersion);
                if (key.HasValue) writer.WriteString("key", key.Value.ToString());
                if (quick.HasValue) writer.WriteString("quick", quick.Value.ToString());
                if (fields.HasValue) writer.WriteString("fields", fields.Value.ToString());
                if (head.HasValue) writer.WriteString("head", head.Value.ToString());
                writer.WriteString("path", path);
                writer.WriteNumber("length", entry.Length);
                if (stamp.HasValue) writer.WriteString("last_write", stamp.Value.LastWriteUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                writer.WriteString("recording_id", entry.RecordingId.ToString("D"));
                writer.WriteString("status", entry.Status.ToString());
                writer.WriteString("accepted_at", entry.AcceptedAt.ToString("o", CultureInfo.InvariantCulture));
                if (entry.RecordedAt.HasValue) writer.WriteString("recorded_at", RecordedAtFormat.Format(entry.RecordedAt.Value));
                if (entry.RecordedAtSource.HasValue) writer.WriteString("recorded_at_source", entry.RecordedAtSource.Value.ToString());
                if (entry.MediaType != null) writer.WriteString("media_type", entry.MediaType);
                if (entry.AudioDuration.HasValue) writer.WriteNumber("audio_seconds", Math.Round(entry.AudioDuration.Value.TotalSeconds, 7));
                writer.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
            return buffer.ToArray();
        }

        /// <summary>
        /// Reads one line (without its line feed); false when it is not a whole journal line. Allocates nothing for a
        /// well-formed line: keys are parsed from the bytes, the path is not read, and <paramref name="mediaTypes"/>
        /// shares one string per media type across all lines.
        /// </summary>
        public static bool TryParse(ReadOnlySpan<byte> line, List<string> mediaTypes, out JournalLine parsed)
        {
            try
            {
                return Parse(line, mediaTypes, out parsed);
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is FormatException || e is ArgumentException || e is OverflowException)
            {
                parsed = default;
                return false;
            }
        }

        private static bool Parse(ReadOnlySpan<byte> line, List<string> mediaTypes, out JournalLine parsed)
        {
            parsed = default;
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            int version = 2;
            Hash128? key = null, quick = null, fields = null, head = null;
            long? length = null;
            Guid? id = null;
            RecordingUploadStatus? status = null;
            DateTimeOffset? acceptedAt = null, recordedAt = null;
            RecordedAtSource? source = null;
            byte mediaType = JournalRecord.IndexOf(null, mediaTypes);
            TimeSpan? duration = null;
            bool ended = false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    ended = true;
                    break;
                }
                if (reader.TokenType != JsonTokenType.PropertyName) return false;
                if (reader.ValueTextEquals("v"u8)) { reader.Read(); version = reader.GetInt32(); }
                else if (reader.ValueTextEquals("key"u8)) { reader.Read(); key = HashOf(ref reader); }
                else if (reader.ValueTextEquals("quick"u8)) { reader.Read(); quick = HashOf(ref reader); }
                else if (reader.ValueTextEquals("fields"u8)) { reader.Read(); fields = HashOf(ref reader); }
                else if (reader.ValueTextEquals("head"u8)) { reader.Read(); head = HashOf(ref reader); }
                else if (reader.ValueTextEquals("length"u8)) { reader.Read(); length = reader.GetInt64(); }
                else if (reader.ValueTextEquals("recording_id"u8)) { reader.Read(); id = reader.GetGuid(); }
                else if (reader.ValueTextEquals("status"u8)) { reader.Read(); status = StatusOf(ref reader); }
                else if (reader.ValueTextEquals("accepted_at"u8)) { reader.Read(); acceptedAt = reader.GetDateTimeOffset(); }
                else if (reader.ValueTextEquals("recorded_at"u8)) { reader.Read(); recordedAt = reader.GetDateTimeOffset(); }
                else if (reader.ValueTextEquals("recorded_at_source"u8)) { reader.Read(); source = SourceOf(ref reader); }
                else if (reader.ValueTextEquals("media_type"u8)) { reader.Read(); mediaType = Shared(ref reader, mediaTypes); }
                else if (reader.ValueTextEquals("audio_seconds"u8)) { reader.Read(); duration = TimeSpan.FromTicks((long)Math.Round(reader.GetDouble() * TimeSpan.TicksPerSecond)); }
                else
                {
                    // The path, the stamp and anything a later version adds: not needed to decide.
                    reader.Read();
                    reader.Skip();
                }
            }
            if (!ended || reader.Read()) return false;
            if (version < 2 || version > CurrentVersion || length is null || id is null || status is null || acceptedAt is null) return false;
            if (version == 2 && key is null) return false;
            // A version 3 line always says what was sent: a Skipped result is shown from it.
            if (version == CurrentVersion && (recordedAt is null || source is null)) return false;
            parsed = new JournalLine
            {
                Version = version,
                Key = key,
                Quick = version == 2 ? null : quick,
                Fields = version == 2 ? null : fields,
                Head = version == 2 ? null : head,
                Record = JournalRecord.Of(id.Value, status.Value, acceptedAt.Value, length.Value, recordedAt, source, mediaType, duration),
            };
            return true;
        }

        private static Hash128? HashOf(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence) throw new FormatException("A key is 32 or 64 hex digits.");
            if (!Hash128.TryParse(reader.ValueSpan, out Hash128 value)) throw new FormatException("A key is 32 or 64 hex digits.");
            return value;
        }

        private static RecordingUploadStatus StatusOf(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals("Created"u8) ? RecordingUploadStatus.Created
            : reader.ValueTextEquals("AlreadyExisted"u8) ? RecordingUploadStatus.AlreadyExisted
            : throw new FormatException("Only accepted uploads are journaled.");

        private static RecordedAtSource SourceOf(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals("Parameter"u8) ? Alpharun.RecordedAtSource.Parameter
            : reader.ValueTextEquals("Metadata"u8) ? Alpharun.RecordedAtSource.Metadata
            : reader.ValueTextEquals("LastWriteTime"u8) ? Alpharun.RecordedAtSource.LastWriteTime
            : throw new FormatException("Unknown recorded_at source.");

        private static byte Shared(ref Utf8JsonReader reader, List<string> seen)
        {
            if (reader.TokenType != JsonTokenType.String) throw new FormatException("A media type is text.");
            for (int i = 0; i < seen.Count; i++)
            {
                if (reader.ValueTextEquals(seen[i])) return (byte)i;
            }
            // A handful in practice; a journal edited by hand cannot make the list long (JournalRecord keeps 64).
            return JournalRecord.IndexOf(reader.GetString(), seen);
        }
    }
}
