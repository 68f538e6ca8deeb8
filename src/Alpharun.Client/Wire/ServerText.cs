using System;
using System.Text;

namespace Alpharun
{
    /// <summary>
    /// Makes text a server (or anything on the way) sent fit to put into a message: control characters and terminal
    /// escape sequences removed (CR, LF and tabs become spaces), bidirectional overrides dropped, any echo of the
    /// key — or of any <see cref="KeyWindow"/>-character piece of it — masked, and the length bounded.
    /// </summary>
    public static class ServerText
    {
        /// <summary>The longest server text kept in a message, in characters.</summary>
        public const int MaxLength = 500;

        /// <summary>A run of this many characters of the key is masked wherever it appears.</summary>
        public const int KeyWindow = 8;

        /// <summary>What replaces a masked piece of the key.</summary>
        public const string Mask = "***";

        /// <summary>The cleaned text; null or blank stays null.</summary>
        public static string? Clean(string? text, ApiKey? key = null, int maxLength = MaxLength)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            string plain = StripControls(text!);
            if (key != null) plain = MaskKey(plain, key.Reveal());
            plain = CollapseSpaces(plain).Trim();
            if (plain.Length == 0) return null;
            return plain.Length <= maxLength ? plain : plain.Substring(0, maxLength) + "…";
        }

        /// <summary>Removes escape sequences (ESC [ … final, ESC ] … BEL/ST) and other control and bidi-format characters.</summary>
        public static string StripControls(string text)
        {
            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\u001B' || c == '\u009B' || c == '\u009D')
                {
                    i = SkipEscape(text, i);
                    continue;
                }
                if (c == '\r' || c == '\n' || c == '\t' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    sb.Append(' ');
                    continue;
                }
                if (char.IsControl(c) || IsBidiControl(c)) continue;
                sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>Masks <paramref name="secret"/> and every <see cref="KeyWindow"/>-character piece of it, ignoring case.</summary>
        public static string MaskKey(string text, string secret)
        {
            if (secret.Length == 0 || text.Length == 0) return text;
            int window = Math.Min(KeyWindow, secret.Length);
            bool[] masked = new bool[text.Length];
            bool any = false;
            for (int start = 0; start + window <= secret.Length; start++)
            {
                string piece = secret.Substring(start, window);
                for (int at = text.IndexOf(piece, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(piece, at + 1, StringComparison.OrdinalIgnoreCase))
                {
                    for (int j = at; j < at + window; j++) masked[j] = true;
                    any = true;
                }
            }
            if (!any) return text;
            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (!masked[i])
                {
                    sb.Append(text[i]);
                    continue;
                }
                sb.Append(Mask);
                while (i + 1 < text.Length && masked[i + 1]) i++;
            }
            return sb.ToString();
        }

        // ESC [ params final (CSI), ESC ] ... BEL or ESC \ (OSC), or ESC and one more character.
        private static int SkipEscape(string text, int i)
        {
            char c = text[i];
            bool csi = c == '\u009B' || (c == '\u001B' && i + 1 < text.Length && text[i + 1] == '[');
            bool osc = c == '\u009D' || (c == '\u001B' && i + 1 < text.Length && text[i + 1] == ']');
            int j = c == '\u001B' ? i + 2 : i + 1;
            if (csi)
            {
                while (j < text.Length && text[j] >= 0x20 && text[j] <= 0x3F) j++;
                return Math.Min(j, text.Length - 1);
            }
            if (osc)
            {
                while (j < text.Length && text[j] != '\u0007' && text[j] != '\u009C' && !(text[j] == '\u001B' && j + 1 < text.Length && text[j + 1] == '\\')) j++;
                if (j < text.Length && text[j] == '\u001B') j++;
                return Math.Min(j, text.Length - 1);
            }
            return Math.Min(i + 1, text.Length - 1);
        }

        private static bool IsBidiControl(char c) =>
            (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C';

        private static string CollapseSpaces(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (c == ' ' && sb.Length > 0 && sb[sb.Length - 1] == ' ') continue;
                sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
