using System;
using System.Globalization;

namespace Alpharun
{
    /// <summary>A recording date read from a file's metadata: the value, whether the file gave a zone, and which tag held it.</summary>
    public sealed class MetadataDate
    {
        private static readonly string[] Formats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mmK",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
            "yyyy-MM-dd'T'HH", "yyyy-MM-dd",
        };

        /// <summary>Creates a date.</summary>
        public MetadataDate(DateTimeOffset value, bool hasZone, string tag)
            : this(value, hasZone, tag, hasTimeOfDay: true)
        {
        }

        /// <summary>Creates a date; without <paramref name="hasTimeOfDay"/> it is a day, its time of day midnight.</summary>
        public MetadataDate(DateTimeOffset value, bool hasZone, string tag, bool hasTimeOfDay)
        {
            Value = value;
            HasZone = hasZone;
            Tag = tag;
            HasTimeOfDay = hasTimeOfDay;
        }

        /// <summary>The date; a date the file gave without a zone is read in the local zone.</summary>
        public DateTimeOffset Value { get; }

        /// <summary>False when the file gave no zone and the local zone was assumed.</summary>
        public bool HasZone { get; }

        /// <summary>The tag it came from, e.g. "bext", "ICRD", "TDRC", "mvhd", "DATE".</summary>
        public string Tag { get; }

        /// <summary>False when the file gave a date alone ("2023-11-02"): <see cref="Value"/> is then its midnight.</summary>
        public bool HasTimeOfDay { get; }

        /// <summary>
        /// Reads an ISO-like date ("2024-01-15", "2024-01-15T14:30:00Z", "2024-01-15 14:30:00+02:00"); a year or
        /// year and month alone is too vague for a call and gives null.
        /// </summary>
        public static MetadataDate? Parse(string? text, string tag)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            string trimmed = text!.Trim();
            if (trimmed.Length > 40) return null;
            if (!DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out DateTime parsed)) return null;
            bool hasZone = parsed.Kind != DateTimeKind.Unspecified;
            DateTimeOffset value;
            if (hasZone && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset withZone))
            {
                value = withZone;
            }
            else
            {
                hasZone = false;
                value = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Local));
            }
            // "yyyy-MM-dd" is the one accepted form without a time of day.
            return new MetadataDate(value, hasZone, tag, hasTimeOfDay: trimmed.Length > 10);
        }

        /// <inheritdoc />
        public override string ToString() => $"{RecordedAtFormat.Format(Value)} ({Tag}{(HasZone ? string.Empty : ", no zone: local assumed")})";
    }
}
