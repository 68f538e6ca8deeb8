using System;
using System.Text;

namespace Alpharun
{
    /// <summary>Bytes that are clearly not audio: documents, archives, images, web pages and plain text.</summary>
    internal static class NonAudioSignature
    {
        private const int TextSample = 1024;

        private static readonly (byte[] Magic, string LooksLike)[] Signatures =
        {
            (Ascii("%PDF-"), "a PDF document"),
            (new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "a zip archive (or an Office document)"),
            (new byte[] { 0x50, 0x4B, 0x05, 0x06 }, "an empty zip archive"),
            (new byte[] { 0x1F, 0x8B, 0x08 }, "a gzip archive"),
            (new byte[] { 0x52, 0x61, 0x72, 0x21, 0x1A, 0x07 }, "a RAR archive"),
            (new byte[] { 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C }, "a 7-Zip archive"),
            (new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "a PNG image"),
            (new byte[] { 0xFF, 0xD8, 0xFF }, "a JPEG image"),
            (Ascii("GIF87a"), "a GIF image"),
            (Ascii("GIF89a"), "a GIF image"),
            (new byte[] { 0x49, 0x49, 0x2A, 0x00 }, "a TIFF image"),
            (new byte[] { 0x4D, 0x4D, 0x00, 0x2A }, "a TIFF image"),
            (new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, "an old Office document"),
            (new byte[] { 0x7F, 0x45, 0x4C, 0x46 }, "an executable (ELF)"),
        };

        /// <summary>What <paramref name="head"/> looks like when it is clearly not audio; otherwise null.</summary>
        public static string? LooksLike(byte[] head)
        {
            foreach ((byte[] magic, string looksLike) in Signatures)
            {
                if (StartsWith(head, magic)) return looksLike;
            }
            if (ByteReader.Matches(head, 0, "RIFF") && ByteReader.Matches(head, 8, "WEBP")) return "a WebP image";
            if (ByteReader.Matches(head, 4, "ftyp") && (ByteReader.Matches(head, 8, "heic") || ByteReader.Matches(head, 8, "avif") || ByteReader.Matches(head, 8, "mif1")))
            {
                return "a HEIF/AVIF image";
            }
            return Text(head);
        }

        // Text: valid UTF-8 (or UTF-16 with a BOM) with no control characters but tab, line breaks and form feed.
        private static string? Text(byte[] head)
        {
            int length = Math.Min(head.Length, TextSample);
            // Most binary data has a control byte early on: decide that without decoding (and its exception).
            bool utf16 = length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF));
            if (!utf16)
            {
                for (int i = 0; i < length; i++)
                {
                    byte b = head[i];
                    if ((b < 0x20 && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\f') || b == 0x7F) return null;
                }
            }
            string text;
            if (utf16)
            {
                Encoding wide = head[0] == 0xFF ? new UnicodeEncoding(false, true, true) : new UnicodeEncoding(true, true, true);
                if (!TryDecode(wide, head, 2, (length - 2) & ~1, out text)) return null;
            }
            else
            {
                // A cut at the sample's end may split a character: drop up to three trailing bytes of it.
                int end = length;
                if (length == TextSample && head.Length > length)
                {
                    int back = 0;
                    while (back < 3 && end > 0 && (head[end - 1] & 0xC0) == 0x80) { end--; back++; }
                    if (end > 0 && head[end - 1] >= 0xC0) end--;
                }
                if (!TryDecode(new UTF8Encoding(false, true), head, 0, end, out text)) return null;
            }
            foreach (char c in text)
            {
                if (char.IsControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f') return null;
            }
            string start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
            if (start.StartsWith("<!doctype html", StringComparison.Ordinal) || start.StartsWith("<html", StringComparison.Ordinal)) return "an HTML page";
            if (start.StartsWith("<?xml", StringComparison.Ordinal)) return "an XML document";
            if (start.StartsWith("{", StringComparison.Ordinal) || start.StartsWith("[", StringComparison.Ordinal)) return "JSON or other text";
            return "text";
        }

        private static bool TryDecode(Encoding encoding, byte[] data, int offset, int count, out string text)
        {
            try
            {
                text = encoding.GetString(data, offset, count);
                return true;
            }
            catch (DecoderFallbackException)
            {
                text = string.Empty;
                return false;
            }
        }

        private static bool StartsWith(byte[] data, byte[] magic)
        {
            if (data.Length < magic.Length) return false;
            for (int i = 0; i < magic.Length; i++)
            {
                if (data[i] != magic[i]) return false;
            }
            return true;
        }

        private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
    }
}
