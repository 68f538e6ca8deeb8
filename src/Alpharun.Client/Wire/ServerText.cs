using System;
using System.Text;

namespace Alpharun
{
    /// <summary>
    /// Makes text a server (or anything on the way) sent fit to put into a message: control characters and terminal
    /// escape sequences removed (CR, LF and tabs become spaces), invisible format characters (bidirectional overrides,
    /// zero-width spaces, soft hyphens) dropped, any echo of the key — or of any <see cref="KeyWindow"/>-character piece
    /// of it — masked, and the length bounded. The key is found however it is disguised by what a terminal shows alike:
    /// in any case, split by invisible characters, or in full-width or other compatibility forms (NFKC).
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

        /// <summary>Removes escape sequences (ESC [ … final, ESC ] … BEL/ST), other control characters and invisible format characters (bidi controls, zero-width spaces, soft hyphens).</summary>
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
                if (char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) continue;
                sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>
        /// Masks <paramref name="secret"/> and every <see cref="KeyWindow"/>-character piece of it, ignoring case, invisible
        /// format characters inside it (zero-width spaces, soft hyphens, bidi marks) and compatibility forms (full-width
        /// letters): each is compared in its folded form, and the original characters it covers are masked.
        /// </summary>
        public static string MaskKey(string text, string secret)
        {
            if (secret.Length == 0 || text.Length == 0) return text;
            bool[]? masked = FindKey(text, secret);
            if (masked is null) return text;
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

        /// <summary>True when <paramref name="text"/> holds the key or a <see cref="KeyWindow"/>-character piece of it, in any disguise <see cref="MaskKey"/> sees through.</summary>
        public static bool Reveals(string? text, ApiKey key)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            return !string.IsNullOrEmpty(text) && FindKey(text!, key.Reveal()) != null;
        }

        /// <summary>Which characters of <paramref name="text"/> belong to a piece of the key; null when none does.</summary>
        private static bool[]? FindKey(string text, string secret)
        {
            Folded key = Fold(secret);
            if (key.Text.Length == 0) return null;
            Folded folded = Fold(text);
            int window = Math.Min(KeyWindow, key.Text.Length);
            bool[]? masked = null;
            for (int start = 0; start + window <= key.Text.Length; start++)
            {
                string piece = key.Text.Substring(start, window);
                for (int at = folded.Text.IndexOf(piece, StringComparison.Ordinal); at >= 0; at = folded.Text.IndexOf(piece, at + 1, StringComparison.Ordinal))
                {
                    masked ??= new bool[text.Length];
                    // From the first folded character's source to the last one's: invisible characters between them go too.
                    int from = folded.Start[at];
                    int to = folded.End[at + window - 1];
                    for (int j = from; j < to; j++) masked[j] = true;
                }
            }
            return masked;
        }

        /// <summary>
        /// <paramref name="text"/> as compared: each character in its NFKC form (full-width "Ａ" is "A"), lower-cased, with
        /// format characters left out; <see cref="Folded.Start"/> and <see cref="Folded.End"/> give each folded character's
        /// source range in the text.
        /// </summary>
        private static Folded Fold(string text)
        {
            var folded = new StringBuilder(text.Length);
            var starts = new System.Collections.Generic.List<int>(text.Length);
            var ends = new System.Collections.Generic.List<int>(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                int length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                string unit = text.Substring(i, length);
                string form = IsPlainAscii(unit) ? unit : NormalizeQuietly(unit);
                foreach (char c in form)
                {
                    // Invisible: a zero-width space or soft hyphen inside the key does not hide it.
                    if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) continue;
                    folded.Append(char.ToLowerInvariant(c));
                    starts.Add(i);
                    ends.Add(i + length);
                }
                i += length - 1;
            }
            return new Folded(folded.ToString(), starts, ends);
        }

        private static bool IsPlainAscii(string unit) => unit.Length == 1 && unit[0] < 0x80;

        // A lone surrogate cannot be normalised: it is compared as it is.
        private static string NormalizeQuietly(string unit)
        {
            try
            {
                return unit.Normalize(NormalizationForm.FormKC);
            }
            catch (ArgumentException)
            {
                return unit;
            }
        }

        private readonly struct Folded
        {
            public Folded(string text, System.Collections.Generic.List<int> start, System.Collections.Generic.List<int> end)
            {
                Text = text;
                Start = start;
                End = end;
            }

            public string Text { get; }

            public System.Collections.Generic.List<int> Start { get; }

            public System.Collections.Generic.List<int> End { get; }
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
