using System.Text;

namespace Alpharun
{
    /// <summary>Bounds-checked reads of integers and text from a byte array: out of range gives false, never an exception.</summary>
    internal static class ByteReader
    {
        public static bool Has(byte[] data, long offset, long count) => offset >= 0 && count >= 0 && offset <= data.Length && count <= data.Length - offset;

        public static bool Matches(byte[] data, long offset, string ascii)
        {
            if (!Has(data, offset, ascii.Length)) return false;
            for (int i = 0; i < ascii.Length; i++)
            {
                if (data[offset + i] != (byte)ascii[i]) return false;
            }
            return true;
        }

        public static bool U16LE(byte[] d, long o, out uint v)
        {
            v = Has(d, o, 2) ? (uint)(d[o] | d[o + 1] << 8) : 0;
            return Has(d, o, 2);
        }

        public static bool U32LE(byte[] d, long o, out uint v)
        {
            v = Has(d, o, 4) ? (uint)(d[o] | d[o + 1] << 8 | d[o + 2] << 16 | d[o + 3] << 24) : 0;
            return Has(d, o, 4);
        }

        public static bool U64LE(byte[] d, long o, out ulong v)
        {
            v = 0;
            if (!U32LE(d, o, out uint low) || !U32LE(d, o + 4, out uint high)) return false;
            v = (ulong)high << 32 | low;
            return true;
        }

        public static bool U16BE(byte[] d, long o, out uint v)
        {
            v = Has(d, o, 2) ? (uint)(d[o] << 8 | d[o + 1]) : 0;
            return Has(d, o, 2);
        }

        public static bool U32BE(byte[] d, long o, out uint v)
        {
            v = Has(d, o, 4) ? (uint)d[o] << 24 | (uint)d[o + 1] << 16 | (uint)d[o + 2] << 8 | d[o + 3] : 0;
            return Has(d, o, 4);
        }

        public static bool U64BE(byte[] d, long o, out ulong v)
        {
            v = 0;
            if (!U32BE(d, o, out uint high) || !U32BE(d, o + 4, out uint low)) return false;
            v = (ulong)high << 32 | low;
            return true;
        }

        /// <summary>ASCII/Latin-1 text of a fixed field, cut at the first NUL.</summary>
        public static string Latin1(byte[] d, long o, int count)
        {
            if (!Has(d, o, count)) return string.Empty;
            var sb = new StringBuilder(count);
            for (long i = o; i < o + count && d[i] != 0; i++) sb.Append((char)d[i]);
            return sb.ToString();
        }

        /// <summary>UTF-8 text, cut at the first NUL; invalid bytes become U+FFFD.</summary>
        public static string Utf8(byte[] d, long o, long count)
        {
            if (!Has(d, o, count)) return string.Empty;
            int end = (int)o;
            while (end < o + count && d[end] != 0) end++;
            return Encoding.UTF8.GetString(d, (int)o, end - (int)o);
        }
    }
}
