using System;
using System.Collections.Generic;
using System.Text;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// Splits a header value of the form <c>value; name=token; name="quoted \"string\""</c> (Content-Type,
    /// Content-Disposition) into the value and its parameters. Parameter names compare case-insensitively; the first
    /// occurrence of a name wins.
    /// </summary>
    internal static class HeaderValueParser
    {
        public static bool TryParse(string header, out string value, out Dictionary<string, string> parameters, out string error)
        {
            parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            error = string.Empty;
            int semicolon = header.IndexOf(';');
            value = (semicolon < 0 ? header : header.Substring(0, semicolon)).Trim(' ', '\t');
            int i = semicolon < 0 ? header.Length : semicolon + 1;

            while (i < header.Length)
            {
                i = SkipWhitespace(header, i);
                if (i >= header.Length) break;
                if (header[i] == ';')
                {
                    i++;
                    continue;
                }

                int nameStart = i;
                while (i < header.Length && header[i] != '=' && header[i] != ';') i++;
                string name = header.Substring(nameStart, i - nameStart).Trim(' ', '\t');
                if (i >= header.Length || header[i] == ';') continue;

                i = SkipWhitespace(header, i + 1);
                string parameterValue;
                if (i < header.Length && header[i] == '"')
                {
                    if (!TryReadQuoted(header, ref i, out parameterValue))
                    {
                        error = $"The {name} parameter's quoted string has no closing quote.";
                        return false;
                    }
                }
                else
                {
                    int valueStart = i;
                    while (i < header.Length && header[i] != ';') i++;
                    parameterValue = header.Substring(valueStart, i - valueStart).Trim(' ', '\t');
                }
                if (name.Length > 0 && !parameters.ContainsKey(name)) parameters.Add(name, parameterValue);
            }
            return true;
        }

        /// <summary>
        /// Decodes an RFC 8187 extended value (<c>UTF-8''caf%C3%A9.wav</c>); UTF-8 and ISO-8859-1 are known. False
        /// for any other charset or bad percent-encoding.
        /// </summary>
        public static bool TryDecodeExtendedValue(string extended, out string decoded)
        {
            decoded = string.Empty;
            int firstQuote = extended.IndexOf('\'');
            int secondQuote = firstQuote < 0 ? -1 : extended.IndexOf('\'', firstQuote + 1);
            if (secondQuote < 0) return false;

            string charset = extended.Substring(0, firstQuote);
            bool utf8 = string.Equals(charset, "UTF-8", StringComparison.OrdinalIgnoreCase);
            if (!utf8 && !string.Equals(charset, "ISO-8859-1", StringComparison.OrdinalIgnoreCase)) return false;

            string encoded = extended.Substring(secondQuote + 1);
            var bytes = new List<byte>(encoded.Length);
            for (int i = 0; i < encoded.Length; i++)
            {
                char c = encoded[i];
                if (c == '%')
                {
                    if (i + 2 >= encoded.Length || !TryHex(encoded[i + 1], out int high) || !TryHex(encoded[i + 2], out int low)) return false;
                    bytes.Add((byte)(high * 16 + low));
                    i += 2;
                }
                else if (c > 0x20 && c < 0x7F)
                {
                    bytes.Add((byte)c);
                }
                else
                {
                    return false;
                }
            }
            if (!utf8)
            {
                // ISO-8859-1 maps each byte to the char of the same number (Encoding.Latin1 is not in netstandard2.0).
                var chars = new char[bytes.Count];
                for (int i = 0; i < chars.Length; i++) chars[i] = (char)bytes[i];
                decoded = new string(chars);
                return true;
            }
            try
            {
                decoded = new UTF8Encoding(false, true).GetString(bytes.ToArray());
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }

        // quoted-string (RFC 9110 section 5.6.4): a backslash takes the next character literally.
        private static bool TryReadQuoted(string s, ref int i, out string value)
        {
            var sb = new StringBuilder();
            i++;
            while (i < s.Length)
            {
                char c = s[i++];
                if (c == '"')
                {
                    value = sb.ToString();
                    return true;
                }
                if (c == '\\' && i < s.Length) c = s[i++];
                sb.Append(c);
            }
            value = string.Empty;
            return false;
        }

        private static int SkipWhitespace(string s, int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
            return i;
        }

        private static bool TryHex(char c, out int value)
        {
            if (c >= '0' && c <= '9') value = c - '0';
            else if (c >= 'a' && c <= 'f') value = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') value = c - 'A' + 10;
            else value = -1;
            return value >= 0;
        }
    }
}
