using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

        /// <summary>True when the text ends with an offset (Z, ±hh:mm or ±hhmm), whatever comes before it.</summary>
        internal static bool EndsWithOffset(string text) => HasOffset.IsMatch(text.Trim());

        // A time of day alone ("14:30Z", "9:05:00 +01:00"): parsing would put it on today's date.
        private static bool HasDate(string s) =>
            !Regex.IsMatch(s, @"^\d{1,2}(:\d{2}){1,2}(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static string Describe(DateTimeOffset value) => value.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

        // Year first, so day and month are never in doubt: 2024-07-15 09:15[:07[.250]], a T for the space, / or . between
        // the date's parts, a one-digit hour, AM or PM; or compact, as recorders name files: 20240715091507,
        // 20240715-091507, 20240715T0915.
        private static readonly Regex LocalYearFirst = new Regex(
            @"^(?<y>\d{4})(?<s>[-/.])(?<m>\d{1,2})\k<s>(?<d>\d{1,2})(T|\s+)(?<h>\d{1,2}):(?<min>\d{2})(:(?<sec>\d{2})([.,](?<f>\d{1,7}))?)?(\s*(?<ampm>[AP]M))?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex LocalCompact = new Regex(
            @"^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})[-_T ]?(?<h>\d{2})(?<min>\d{2})(?<sec>\d{2})?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex DateOnly = new Regex(@"^(\d{4}([-/.])\d{1,2}\2\d{1,2}|\d{8})$", RegexOptions.CultureInvariant);

        // Day and month in some order, then a four-digit year: 07/15/2024 09:15, 15.07.2024 9:15:07 PM.
        private static readonly Regex LocalYearLast = new Regex(
            @"^(?<a>\d{1,2})(?<s>[-/.])(?<b>\d{1,2})\k<s>(?<y>\d{4})(T|\s+)(?<h>\d{1,2}):(?<min>\d{2})(:(?<sec>\d{2})([.,](?<f>\d{1,7}))?)?(\s*(?<ampm>[AP]M))?$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex UnixTime = new Regex(@"^(?<s>\d{10})(?<ms>\d{3})?$", RegexOptions.CultureInvariant);

        /// <summary>An example of the ISO form without an offset, as messages show it.</summary>
        internal const string LocalExample = "2024-01-15T14:30:00";

        /// <summary>Formats a time of day on a date without an offset: <c>2024-07-15T09:15:00</c>.</summary>
        public static string FormatLocal(DateTime value) =>
            value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

        /// <summary>
        /// Parses text without an offset in the forms dialer and CRM exports write, year first (ISO 8601 without an
        /// offset, <c>2024-07-15 09:15[:07]</c>, <c>2024/07/15 9:15 PM</c>, <c>20240715091507</c>), as a time of day on
        /// a date whose zone is not known yet. Anything else is false, with a reason that shows the ISO form of what was
        /// probably meant: the order of day and month is never inferred, and a date without a time is not midnight.
        /// </summary>
        public static bool TryParseLocal(string? text, out DateTime value, out string reason)
        {
            value = default;
            reason = string.Empty;
            string s = (text ?? string.Empty).Trim();
            Match m = LocalYearFirst.Match(s);
            if (!m.Success) m = LocalCompact.Match(s);
            if (m.Success)
            {
                if (TryBuild(m, Int(m, "y"), Int(m, "m"), Int(m, "d"), out value)) return true;
                reason = $"there is no such date or time. Write it as ISO 8601, e.g. {LocalExample}";
                return false;
            }
            reason = WhyNotLocal(s);
            return false;
        }

        private static string WhyNotLocal(string s)
        {
            if (s.Length == 0) return "it is empty";
            if (DateOnly.IsMatch(s))
            {
                string digits = Regex.Replace(s, @"\D", "-");
                bool read = digits.Length == 8
                    ? DateTime.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime day)
                    : DateTime.TryParseExact(digits, new[] { "yyyy-M-d" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
                return read
                    ? $"it has no time of day, and midnight is not assumed. Write the time too, e.g. {FormatLocal(day)} if the call began at midnight"
                    : $"it has no time of day, and there is no such date. Write it as ISO 8601, e.g. {LocalExample}";
            }
            if (Regex.IsMatch(s, @"^\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?(\s*[AP]M)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase))
            {
                return $"it has no date, and would become today. Write the date too, e.g. {LocalExample}";
            }
            Match unix = UnixTime.Match(s);
            if (unix.Success)
            {
                long seconds = long.Parse(unix.Groups["s"].Value, CultureInfo.InvariantCulture);
                DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds(seconds);
                if (at.Year >= 1990 && at.Year < 2100)
                {
                    return $"it looks like Unix time (seconds since 1970{(unix.Groups["ms"].Success ? ", with milliseconds" : string.Empty)}), which is not read as a date. "
                        + $"Write it as ISO 8601: {at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)}Z";
                }
            }
            Match yearLast = LocalYearLast.Match(s);
            if (yearLast.Success)
            {
                int a = Int(yearLast, "a"), b = Int(yearLast, "b"), year = Int(yearLast, "y");
                var readings = new List<DateTime>();
                if (TryBuild(yearLast, year, a, b, out DateTime monthFirst)) readings.Add(monthFirst);
                if (a != b && TryBuild(yearLast, year, b, a, out DateTime dayFirst)) readings.Add(dayFirst);
                if (readings.Count == 0) return $"there is no such date or time. Write it as ISO 8601, e.g. {LocalExample}";
                string forms = string.Join(" or ", readings.Select(r => $"{FormatLocal(r)} ({r.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})"));
                return readings.Count == 2
                    ? $"its day and month could be either way round, and they are never guessed. Write the one you mean as ISO 8601: {forms}"
                    : $"it is not ISO 8601, and the order of day and month is never inferred. Write it as ISO 8601: {forms}";
            }
            if (DateTime.TryParse(s, CultureInfo.CurrentCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.NoCurrentDateDefault, out DateTime guess) && guess.Date != DateTime.MinValue.Date)
            {
                string culture = CultureInfo.CurrentCulture.Name.Length == 0 ? "the invariant culture" : CultureInfo.CurrentCulture.Name;
                string meant = $"{FormatLocal(guess)} ({guess.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, as {culture} reads it)";
                if (guess.Day <= 12 && guess.Day != guess.Month && DateTime.DaysInMonth(guess.Year, guess.Day) >= guess.Month)
                {
                    DateTime swapped = new DateTime(guess.Year, guess.Day, guess.Month).Add(guess.TimeOfDay);
                    meant += $" or {FormatLocal(swapped)} ({swapped.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})";
                }
                return $"it is not ISO 8601, so its date would be guessed. Write the date you mean as ISO 8601: {meant}";
            }
            return $"it is not a date and time in a form the module reads. Write it as ISO 8601, e.g. {LocalExample} (read in -TimeZone) or 2024-01-15T14:30:00-05:00";
        }

        private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

        // The time of day of a match (hour, minutes, optional seconds, fraction and AM/PM) on the given date.
        private static bool TryBuild(Match m, int year, int month, int day, out DateTime value)
        {
            value = default;
            int hour = Int(m, "h"), minute = Int(m, "min");
            int second = m.Groups["sec"].Success ? Int(m, "sec") : 0;
            if (m.Groups["ampm"].Success)
            {
                if (hour < 1 || hour > 12) return false;
                bool pm = char.ToUpperInvariant(m.Groups["ampm"].Value[0]) == 'P';
                hour = hour % 12 + (pm ? 12 : 0);
            }
            if (month < 1 || month > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
            long ticks = 0;
            if (m.Groups["f"].Success) ticks = long.Parse(m.Groups["f"].Value.PadRight(7, '0'), CultureInfo.InvariantCulture);
            value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
            return true;
        }
    }
}
