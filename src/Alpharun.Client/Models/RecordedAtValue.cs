using System;

namespace Alpharun
{
    /// <summary>
    /// recorded_at as the caller gave it, before the file it goes with is planned: an instant (it carries its offset),
    /// a time of day on a date without an offset (a dialer's local time, placed in a <see cref="RecordingTimeZone"/>
    /// when the file is planned), or text that cannot be read, with why. Binding keeps the value whole until the
    /// zone is known: in a CSV row the zone may be another column of the same row.
    /// </summary>
    public sealed class RecordedAtValue
    {
        private RecordedAtValue(string given, DateTimeOffset? instant, DateTime? localTime, string? problem)
        {
            Given = given;
            Instant = instant;
            LocalTime = localTime;
            Problem = problem;
        }

        /// <summary>The value as given: the text, or the ISO form of a date object.</summary>
        public string Given { get; }

        /// <summary>The instant, when the value carries its offset; otherwise null.</summary>
        public DateTimeOffset? Instant { get; }

        /// <summary>The time of day on a date (Kind Unspecified), when the value has no offset; otherwise null.</summary>
        public DateTime? LocalTime { get; }

        /// <summary>Why the text cannot be read (a sentence part that shows the ISO form meant); null when it can.</summary>
        public string? Problem { get; }

        /// <summary>An instant.</summary>
        public static RecordedAtValue FromInstant(DateTimeOffset value) => new RecordedAtValue(RecordedAtFormat.Format(value), value, null, null);

        /// <summary>A <see cref="DateTime"/>: UTC or local is the instant it is; Kind Unspecified is a local time waiting for a zone.</summary>
        public static RecordedAtValue FromDateTime(DateTime value) =>
            value.Kind == DateTimeKind.Unspecified
                ? new RecordedAtValue(RecordedAtFormat.FormatLocal(value), null, value, null)
                : FromInstant(new DateTimeOffset(value));

        /// <summary>
        /// Reads text: ISO 8601 with an offset is that instant; text without one, in the forms exports write (see
        /// <see cref="RecordedAtFormat.TryParseLocal"/>), is a local time; anything else is kept with its
        /// <see cref="Problem"/>. Never throws.
        /// </summary>
        public static RecordedAtValue Parse(string text)
        {
            string given = text ?? string.Empty;
            string s = given.Trim();
            if (RecordedAtFormat.TryParse(s, out DateTimeOffset instant, out string reason)) return new RecordedAtValue(given, instant, null, null);
            if (RecordedAtFormat.TryParseLocal(s, out DateTime local, out string whyNot)) return new RecordedAtValue(given, null, local, null);
            // Text with an offset must be ISO: its own reason shows the ISO form meant.
            return new RecordedAtValue(given, null, null, RecordedAtFormat.EndsWithOffset(s) ? reason : whyNot);
        }

        /// <summary>A value of a type that is not a date (a number, an object): kept so its file can say so.</summary>
        public static RecordedAtValue Unusable(object value) =>
            new RecordedAtValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, null, null,
                $"a {value.GetType().FullName} is not a date. Pass ISO 8601 text, a [datetime] or a [DateTimeOffset]");

        /// <summary>
        /// The instant to send for <paramref name="subject"/> (a file): the instant given, or the local time placed in
        /// <paramref name="zone"/>. Null when it cannot be placed: unreadable text, no zone for a local time, or a time the
        /// zone skipped or had twice; <paramref name="failure"/> then says why, naming the value, the file and what to do.
        /// </summary>
        public DateTimeOffset? Resolve(RecordingTimeZone? zone, string subject, out ValidationFailure? failure)
        {
            failure = null;
            if (Instant.HasValue) return Instant.Value;
            string problem;
            if (Problem != null)
            {
                problem = Problem;
            }
            else if (zone is null)
            {
                failure = Failure($"The recorded_at '{Given}' of '{subject}' has no offset, so the moment it names depends on the time zone it was written in. "
                    + "Pass -TimeZone with that zone (an IANA id such as America/New_York, a Windows id such as Eastern Standard Time, or Local), "
                    + $"give the rows a TimeZone column, or write it with its offset, e.g. {RecordedAtFormat.FormatLocal(LocalTime!.Value)}-05:00.");
                return null;
            }
            else if (zone.TryPlace(LocalTime!.Value, out DateTimeOffset placed, out problem))
            {
                return placed;
            }
            failure = Failure($"The recorded_at '{Given}' of '{subject}' cannot be used: {problem}.");
            return null;
        }

        /// <inheritdoc />
        public override string ToString() => Given;

        private static ValidationFailure Failure(string message) => new ValidationFailure(ValidationErrorKind.InvalidRecordedAt, "recorded_at", message);
    }
}
