using System.Text.RegularExpressions;

namespace Alpharun
{
    /// <summary>The one email rule, shared by the teammate and contact checks on both client and sandbox.</summary>
    public static class EmailAddressRule
    {
        // Dot-atom local part and a dotted domain whose labels do not start or end with a hyphen; letters may be
        // non-ASCII (internationalised addresses). Quoted local parts and IP literals are refused: the API's
        // format "email" does not take them in practice and they are almost always typos in CSV data.
        private static readonly Regex Pattern = new Regex(
            @"^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*" +
            @"@([\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>True when <paramref name="value"/> is a plausible email address (at most 254 characters, local part at most 64).</summary>
        public static bool IsValid(string? value)
        {
            if (string.IsNullOrEmpty(value) || value!.Length > 254) return false;
            int at = value.IndexOf('@');
            if (at < 1 || at > 64) return false;
            return Pattern.IsMatch(value);
        }

        /// <summary>The form two emails are compared in: trimmed and case-insensitive.</summary>
        public static string Normalize(string value) => value.Trim().ToUpperInvariant();
    }
}
