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
                // The module never escapes a name; a line whose names are escaped was not written by it.
                if (reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped || reader.HasValueSequence) return false;
                Field field = FieldOf(reader.ValueSpan);
                reader.Read();
                switch (field)
                {
                    case Field.Version: version = reader.GetInt32(); break;
                    case Field.Key: key = HashOf(ref reader); break;
                    case Field.Quick: quick = HashOf(ref reader); break;
                    case Field.Fields: fields = HashOf(ref reader); break;
                    case Field.Head: head = HashOf(ref reader); break;
                    case Field.Length: length = reader.GetInt64(); break;
                    case Field.RecordingId: id = reader.GetGuid(); break;
                    case Field.Status: status = StatusOf(ref reader); break;
                    case Field.AcceptedAt: acceptedAt = reader.GetDateTimeOffset(); break;
                    case Field.RecordedAt: recordedAt = reader.GetDateTimeOffset(); break;
                    case Field.RecordedAtSource: source = SourceOf(ref reader); break;
                    case Field.MediaType: mediaType = Shared(ref reader, mediaTypes); break;
                    case Field.AudioSeconds: duration = TimeSpan.FromTicks((long)Math.Round(reader.GetDouble() * TimeSpan.TicksPerSecond)); break;
                    default:
                        // The path, the stamp and anything a later version adds: not needed to decide.
                        reader.Skip();
                        break;
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

        private enum Field
        {
            Other,
            Version,
            Key,
            Quick,
            Fields,
            Head,
            Length,
            RecordingId,
            Status,
            AcceptedAt,
            RecordedAt,
            RecordedAtSource,
            MediaType,
            AudioSeconds,
        }

        // By length first: one comparison of bytes per name instead of a dozen (opening a large journal is mostly this loop).
        private static Field FieldOf(ReadOnlySpan<byte> name)
        {
            switch (name.Length)
            {
                case 1: return name[0] == (byte)'v' ? Field.Version : Field.Other;
                case 3: return name.SequenceEqual("key"u8) ? Field.Key : Field.Other;
                case 4: return name.SequenceEqual("head"u8) ? Field.Head : Field.Other;
                case 5: return name.SequenceEqual("quick"u8) ? Field.Quick : Field.Other;
                case 6:
                    return name.SequenceEqual("length"u8) ? Field.Length
                        : name.SequenceEqual("fields"u8) ? Field.Fields
                        : name.SequenceEqual("status"u8) ? Field.Status
                        : Field.Other;
                case 10: return name.SequenceEqual("media_type"u8) ? Field.MediaType : Field.Other;
                case 11:
                    return name.SequenceEqual("accepted_at"u8) ? Field.AcceptedAt
                        : name.SequenceEqual("recorded_at"u8) ? Field.RecordedAt
                        : Field.Other;
                case 12: return name.SequenceEqual("recording_id"u8) ? Field.RecordingId : Field.Other;
                case 13: return name.SequenceEqual("audio_seconds"u8) ? Field.AudioSeconds : Field.Other;
                case 18: return name.SequenceEqual("recorded_at_source"u8) ? Field.RecordedAtSource : Field.Other;
                default: return Field.Other;
            }
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
                // Media types are ASCII: a length that differs cannot match (and saves transcoding the string).
                if ((reader.ValueIsEscaped || reader.ValueSpan.Length == seen[i].Length) && reader.ValueTextEquals(seen[i])) return (byte)i;
            }
            // A handful in practice; a journal edited by hand cannot make the list long (JournalRecord keeps 64).
            return JournalRecord.IndexOf(reader.GetString(), seen);
        }
    }
}
