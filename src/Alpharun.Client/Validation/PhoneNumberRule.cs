using System.Linq;
using System.Text;

namespace Alpharun
{
    /// <summary>The one phone number rule: digits with the usual separators, and an optional leading plus.</summary>
    public static class PhoneNumberRule
    {
        private const string Separators = " -.()/";

        /// <summary>True when <paramref name="value"/> has 3 to 20 digits, an optional leading '+', and only spaces, '-', '.', '(', ')' or '/' between.</summary>
        public static bool IsValid(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return false;
            string s = value!.Trim();
            int start = s[0] == '+' ? 1 : 0;
            int digits = 0;
            for (int i = start; i < s.Length; i++)
            {
                char c = s[i];
                if (c >= '0' && c <= '9') digits++;
                else if (Separators.IndexOf(c) < 0) return false;
            }
            return digits >= 3 && digits <= 20;
        }

        /// <summary>The form two phone numbers are compared in: the leading '+' and the digits, separators dropped.</summary>
        public static string Normalize(string value)
        {
            string s = value.Trim();
            var sb = new StringBuilder(s.Length);
            if (s.StartsWith("+", System.StringComparison.Ordinal)) sb.Append('+');
            foreach (char c in s.Where(char.IsDigit)) sb.Append(c);
            return sb.ToString();
        }
    }
}
