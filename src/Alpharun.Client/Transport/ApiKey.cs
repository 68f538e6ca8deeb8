using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace Alpharun
{
    /// <summary>
    /// An API key held as a <see cref="SecureString"/>. It is turned into plain text only to build the
    /// Authorization header (or, in the sandbox, to compare with the one presented), and never prints.
    /// </summary>
    public sealed class ApiKey
    {
        private readonly SecureString _secret;

        private ApiKey(SecureString secret)
        {
            _secret = secret;
            _secret.MakeReadOnly();
        }

        /// <summary>The description of a key's origin used when none is given.</summary>
        public const string DefaultSource = "The API key";

        /// <summary>Wraps a copy of <paramref name="secret"/>; a key that cannot be sent throws <see cref="InvalidApiKeyException"/>.</summary>
        public static ApiKey FromSecureString(SecureString secret) => FromSecureString(secret, DefaultSource);

        /// <summary>
        /// Wraps a copy of <paramref name="secret"/>; a key that cannot be sent throws <see cref="InvalidApiKeyException"/>
        /// whose message starts with <paramref name="source"/> (e.g. "The key given with -ApiKey").
        /// </summary>
        public static ApiKey FromSecureString(SecureString secret, string source)
        {
            if (secret is null) throw new ArgumentNullException(nameof(secret));
            var key = new ApiKey(secret.Copy());
            ThrowIfUnusable(key.Reveal(), source, nameof(secret));
            return key;
        }

        /// <summary>Copies <paramref name="plainText"/> (e.g. from an environment variable) into a SecureString; a key that cannot be sent throws <see cref="InvalidApiKeyException"/>.</summary>
        public static ApiKey FromPlainText(string plainText) => FromPlainText(plainText, DefaultSource);

        /// <summary>
        /// Copies <paramref name="plainText"/> into a SecureString. It is taken exactly as given, never trimmed: a key
        /// that cannot be sent throws <see cref="InvalidApiKeyException"/> whose message starts with
        /// <paramref name="source"/> (e.g. "$env:ALPHARUN_API_KEY") and says how to fix it.
        /// </summary>
        public static ApiKey FromPlainText(string plainText, string source)
        {
            ThrowIfUnusable(plainText ?? string.Empty, source, nameof(plainText));
            var secret = new SecureString();
            foreach (char c in plainText!) secret.AppendChar(c);
            return new ApiKey(secret);
        }

        /// <summary>
        /// What makes <paramref name="text"/> unusable as a key, or null when it can be sent: the rule of the module, its
        /// cmdlets and the C# client alike. A key travels in the Authorization header, which cannot carry a line break, a
        /// NUL or other control characters, nor (as .NET sends headers) anything outside ASCII; and no key starts or ends
        /// with a space.
        /// </summary>
        public static ApiKeyProblem? FindProblem(string text)
        {
            if (text is null || text.Trim().Length == 0) return ApiKeyProblem.Empty;
            if (text.IndexOf('\0') >= 0) return ApiKeyProblem.Nul;
            string withoutTrailingBreaks = text.TrimEnd('\r', '\n');
            if (withoutTrailingBreaks.IndexOfAny(LineBreaks) >= 0) return ApiKeyProblem.LineBreak;
            if (withoutTrailingBreaks.Length < text.Length)
            {
                // "key\n", as Get-Content -Raw or a here-string gives it (spaces before the break count as part of it).
                return withoutTrailingBreaks.Trim().Length == 0 ? ApiKeyProblem.Empty : ApiKeyProblem.TrailingLineBreak;
            }
            if (text.Trim() != text) return ApiKeyProblem.SurroundingSpace;
            foreach (char c in text)
            {
                if (char.IsControl(c)) return ApiKeyProblem.ControlCharacter;
            }
            foreach (char c in text)
            {
                if (c > 0x7E) return ApiKeyProblem.NonAscii;
            }
            return null;
        }

        private static readonly char[] LineBreaks = { '\r', '\n', '\u0085', '\u2028', '\u2029' };

        private static void ThrowIfUnusable(string text, string source, string paramName)
        {
            ApiKeyProblem? problem = FindProblem(text);
            if (problem is ApiKeyProblem found) throw new InvalidApiKeyException(found, Describe(found, text, source), paramName);
        }

        // Names the problem and the fix; never a character of the key itself (only the offending one, by its code).
        private static string Describe(ApiKeyProblem problem, string text, string source)
        {
            const string Sent = "which cannot be sent in the Authorization header";
            switch (problem)
            {
                case ApiKeyProblem.Empty:
                    return $"{source} is empty. Pass the key Alpharun gave you, e.g. Connect-Alpharun -ApiKey (Read-Host -AsSecureString 'Alpharun API key').";
                case ApiKeyProblem.TrailingLineBreak:
                    return $"{source} ends with a line break, {Sent}; a key read whole from a file keeps the file's last line break: read it with (Get-Content -Raw).Trim(), e.g. (Get-Content key.txt -Raw).Trim() | ConvertTo-SecureString -AsPlainText -Force.";
                case ApiKeyProblem.LineBreak:
                    return $"{source} holds a line break, {Sent}: it spans more than one line. Pass the key alone, on one line.";
                case ApiKeyProblem.Nul:
                    return $"{source} holds a NUL character, {Sent}; a key read as bytes from a UTF-16 (Unicode) file looks like this. Read it with (Get-Content -Raw).Trim(), which decodes the file.";
                case ApiKeyProblem.ControlCharacter:
                    return $"{source} holds the control character {CodeOf(FirstOf(text, char.IsControl))}, {Sent}. Pass the key without it.";
                case ApiKeyProblem.SurroundingSpace:
                    return $"{source} {(text.TrimStart() != text ? "starts" : "ends")} with a space, which is not part of the key. Remove it: pass the key's .Trim().";
                default:
                    char odd = FirstOf(text, c => c > 0x7E);
                    string what = odd == '\uFEFF' ? " (a byte-order mark, left by reading a file without its encoding: read it with (Get-Content -Raw).Trim())"
                        : odd == '\u00A0' ? " (a no-break space, often copied along with the key)"
                        : string.Empty;
                    return $"{source} holds the character {CodeOf(odd)}{what}, which is not ASCII and cannot be sent in the Authorization header. Type or paste the key again, without it.";
            }
        }

        private static char FirstOf(string text, Func<char, bool> test)
        {
            foreach (char c in text)
            {
                if (test(c)) return c;
            }
            return '\0';
        }

        private static string CodeOf(char c) => "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A new random key, as the sandbox hands out.</summary>
        public static ApiKey CreateRandom(string prefix)
        {
            byte[] bytes = new byte[24];
            using (RandomNumberGenerator rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            var sb = new StringBuilder(prefix);
            foreach (byte b in bytes) sb.Append(b.ToString("x2"));
            return FromPlainText(sb.ToString());
        }

        /// <summary>True when <paramref name="presented"/> is this key, compared in constant time.</summary>
        public bool Matches(string? presented)
        {
            if (presented is null) return false;
            string mine = Reveal();
            int diff = mine.Length ^ presented.Length;
            for (int i = 0; i < presented.Length; i++) diff |= presented[i] ^ mine[i % mine.Length];
            return diff == 0;
        }

        /// <summary>How many characters the key has (not a secret: a key shorter than 8 is no real key).</summary>
        internal int Length => _secret.Length;

        /// <summary>Never the key.</summary>
        public override string ToString() => "***";

        // The only place the plain text exists, for the lifetime of one header.
        internal string Reveal()
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                // By length: a NUL inside the key would otherwise end the string there and hide itself from FindProblem.
                return Marshal.PtrToStringUni(ptr, _secret.Length) ?? string.Empty;
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
