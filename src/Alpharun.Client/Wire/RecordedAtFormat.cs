using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Alpharun
{
    /// <summary>
    /// The one form of recorded_at, on the wire and as text from users and CSV files: ISO 8601 (RFC 3339) that always
    /// carries its offset. Anything else is refused rather than guessed: "14:30Z" would become today, and
    /// "02/01/2024" is 1 February or 2 January depending on the computer's culture.
    /// </summary>
    public static class RecordedAtFormat
    {
        // yyyy-MM-dd, 'T' (or a space, as RFC 3339 allows), HH:mm[:ss[.fffffff]], then Z or ±hh[:]mm.
        private static readonly Regex Iso = new Regex(
            @"^(?<date>\d{4}-\d{2}-\d{2})[T ](?<time>\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)(?<offset>Z|[+-]\d{2}:?\d{2})$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        // An explicit 'Z' or ±hh:mm / ±hhmm at the end; a bare local time would be read in the server's zone.
        private static readonly Regex HasOffset = new Regex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly string[] IsoFormats = { "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz" };

        /// <summary>Formats as <c>2024-01-15T14:30:00-05:00</c>, with fractional seconds only when there are any.</summary>
        public static string Format(DateTimeOffset value) =>
            value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

        /// <summary>
        /// Parses ISO 8601 text with an offset (e.g. <c>2024-01-15T14:30:00-05:00</c> or <c>2024-01-15T19:30Z</c>) as
        /// that instant; false for anything else, with a reason that shows the ISO form of what was probably meant.
        /// </summary>
        public static bool TryParse(string? text, out DateTimeOffset value, out string reason)
        {
            value = default;
            string s = (text ?? string.Empty).Trim();
            if (s.Length == 0)
            {
                reason = "it is empty";
                return false;
            }

            Match iso = Iso.Match(s);
            if (iso.Success)
            {
                string offset = iso.Groups["offset"].Value.ToUpperInvariant();
                if (offset == "Z") offset = "+00:00";
                else if (offset.Length == 5) offset = offset.Substring(0, 3) + ":" + offset.Substring(3);
                string normal = iso.Groups["date"].Value + "T" + iso.Groups["time"].Value + offset;
                if (DateTimeOffset.TryParseExact(normal, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
                {
                    reason = string.Empty;
                    return true;
                }
                reason = "it is not an ISO 8601 date-time (no such date or time), e.g. 2024-01-15T14:30:00-05:00";
                return false;
            }

            reason = HasOffset.IsMatch(s) ? NotIso(s) : NoOffset(s);
            return false;
        }

        // Text with an offset but not in ISO form: its day, month, year or whole date would be guessed.
        private static string NotIso(string s)
        {
            const string Shape = "it is not ISO 8601 (yyyy-MM-ddTHH:mm:ss with Z or ±hh:mm), so its date would be guessed";
            if (!DateTimeOffset.TryParse(s, CultureInfo.CurrentCulture, DateTimeStyles.AllowWhiteSpaces, out DateTimeOffset read))
            {
                return Shape + "; write it as e.g. 2024-01-15T14:30:00-05:00";
            }
            if (!HasDate(s))
            {
                return $"{Shape}: it has no date, and would become today. Write the date too, e.g. {Format(read)} for today";
            }
            string culture = CultureInfo.CurrentCulture.Name.Length == 0 ? "the invariant culture" : CultureInfo.CurrentCulture.Name;
            string meant = $"{Format(read)} ({Describe(read)}, as {culture} reads it)";
            if (read.Day <= 12 && read.Day != read.Month)
            {
                var swapped = new DateTimeOffset(read.Year, read.Day, read.Month, read.Hour, read.Minute, read.Second, read.Millisecond, read.Offset);
                meant += $" or {Format(swapped)} ({Describe(swapped)})";
            }
            return $"{Shape}. Write the date you mean in ISO form: {meant}";
        }

        private static string NoOffset(string s)
        {
            const string Shape = "it has no offset; write it as ISO 8601 with an offset, e.g. 2024-01-15T14:30:00-05:00 or 2024-01-15T19:30:00Z";
            if (!DateTimeOffset.TryParse(s, CultureInfo.CurrentCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeLocal, out DateTimeOffset read)) return Shape;
            return $"{Shape} ({Format(read)} in this computer's time zone)";
        }

        // A time of day alone ("14:30Z", "9:05:00 +01:00"): parsing would put it on today's date.
        private static bool HasDate(string s) =>
            !Regex.IsMatch(s, @"^\d{1,2}(:\d{2}){1,2}(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static string Describe(DateTimeOffset value) => value.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
    }
}
