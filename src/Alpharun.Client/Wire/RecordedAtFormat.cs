using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Alpharun
{
    /// <summary>The one wire form of recorded_at: ISO 8601 that always carries its offset.</summary>
    public static class RecordedAtFormat
    {
        // An explicit 'Z' or ±hh:mm / ±hhmm at the end; a bare local time would be read in the server's zone.
        private static readonly Regex HasOffset = new Regex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>Formats as <c>2024-01-15T14:30:00-05:00</c>, with fractional seconds only when there are any.</summary>
        public static string Format(DateTimeOffset value) =>
            value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

        /// <summary>Parses an ISO 8601 date-time that states its offset; false (with a reason) for one that does not.</summary>
        public static bool TryParse(string? text, out DateTimeOffset value, out string reason)
        {
            value = default;
            string s = (text ?? string.Empty).Trim();
            if (s.Length == 0)
            {
                reason = "it is empty";
                return false;
            }
            if (!HasOffset.IsMatch(s))
            {
                reason = "it has no offset; write it as ISO 8601 with an offset, e.g. 2024-01-15T14:30:00-05:00 or 2024-01-15T19:30:00Z";
                return false;
            }
            if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value))
            {
                reason = "it is not an ISO 8601 date-time, e.g. 2024-01-15T14:30:00-05:00";
                return false;
            }
            reason = string.Empty;
            return true;
        }
    }
}
