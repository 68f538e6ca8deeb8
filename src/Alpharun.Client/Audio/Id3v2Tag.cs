using System;
using System.Globalization;
using System.Text;

namespace Alpharun
{
    /// <summary>An ID3v2 tag at the start of a file: its size (to find what follows) and the recording date (TDRC, or TYER+TDAT[+TIME]).</summary>
    internal static class Id3v2Tag
    {
        private const int MaxFrames = 512;

        public static bool Matches(byte[] head) => ByteReader.Matches(head, 0, "ID3") && head.Length >= 10 && head[3] >= 2 && head[3] <= 4;

        /// <summary>The tag's whole length (header, body and footer), or -1 when its size bytes are not syncsafe.</summary>
        public static long Length(byte[] head)
        {
            if (!ByteReader.Has(head, 0, 10)) return -1;
            long size = 0;
            for (int i = 6; i < 10; i++)
            {
                if ((head[i] & 0x80) != 0) return -1;
                size = size << 7 | head[i];
            }
            bool footer = head[3] == 4 && (head[5] & 0x10) != 0;
            return 10 + size + (footer ? 10 : 0);
        }

        /// <summary>The recording date in the tag, read from the head only.</summary>
        public static MetadataDate? ReadDate(byte[] head, long tagLength)
        {
            int version = head[3];
            if (version < 3 || (head[5] & 0x40) != 0 || (head[5] & 0x80) != 0) return null; // v2.2 ids, extended headers, unsynchronised tags: skipped
            long end = Math.Min(tagLength, head.Length);
            long at = 10;
            string? year = null, dayMonth = null, time = null;
            for (int i = 0; i < MaxFrames && ByteReader.Has(head, at, 10) && at + 10 <= end; i++)
            {
                if (head[at] == 0) break; // padding
                string id = ByteReader.Latin1(head, at, 4);
                ByteReader.U32BE(head, at + 4, out uint raw);
                long size = version == 4 ? Syncsafe(raw) : raw;
                long body = at + 10;
                if (size < 0 || size > end - body) break;
                if (id == "TDRC" || id == "TYER" || id == "TDAT" || id == "TIME")
                {
                    string text = Text(head, body, size);
                    if (id == "TDRC") return MetadataDate.Parse(text, "TDRC");
                    if (id == "TYER") year = text;
                    else if (id == "TDAT") dayMonth = text;
                    else time = text;
                }
                at = body + size;
            }
            // ID3v2.3 (TDRC is v2.4's): TYER is yyyy, TDAT is DDMM, TIME is HHMM; without a day it is too vague, and a
            // TIME that is not a time of day is left out rather than guessed.
            if (year != null && year.Length == 4 && dayMonth != null && dayMonth.Length == 4)
            {
                string date = $"{year}-{dayMonth.Substring(2, 2)}-{dayMonth.Substring(0, 2)}";
                if (time != null && time.Length == 4 && int.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out int hhmm) && hhmm / 100 < 24 && hhmm % 100 < 60)
                {
                    return MetadataDate.Parse($"{date}T{time.Substring(0, 2)}:{time.Substring(2, 2)}", "TYER/TDAT/TIME");
                }
                return MetadataDate.Parse(date, "TYER/TDAT");
            }
            return null;
        }

        private static long Syncsafe(uint raw) => (raw & 0x80808080) != 0 ? -1 : (raw & 0x7F) | (raw >> 8 & 0x7F) << 7 | (raw >> 16 & 0x7F) << 14 | (raw >> 24 & 0x7F) << 21;

        // A text frame: an encoding byte, then the text.
        private static string Text(byte[] d, long body, long size)
        {
            if (size < 2 || size > 256) return string.Empty;
            int length = (int)size - 1;
            Encoding encoding = d[body] switch
            {
                1 => Encoding.Unicode,
                2 => Encoding.BigEndianUnicode,
                3 => Encoding.UTF8,
                _ => Encoding.GetEncoding("ISO-8859-1"),
            };
            string text = encoding.GetString(d, (int)body + 1, length);
            return text.Trim('\0', '\uFEFF', '\uFFFE', ' ');
        }
    }
}
