using System;
using System.Linq;
using System.Text;

namespace Alpharun.Tests
{
    /// <summary>
    /// Builds EBML (WebM/Matroska) elements byte by byte, so a test can make a well-formed file or break one field
    /// on purpose: an element is its id, its size as a variable-length integer, then its body.
    /// </summary>
    internal static class EbmlBuilder
    {
        public const uint Ebml = 0x1A45DFA3, DocType = 0x4282, DocTypeVersion = 0x4287, Segment = 0x18538067, SeekHead = 0x114D9B74;
        public const uint Info = 0x1549A966, TimestampScale = 0x2AD7B1, Duration = 0x4489, MuxingApp = 0x4D80, DateUtc = 0x4461;
        public const uint Tracks = 0x1654AE6B, Cluster = 0x1F43B675, Padding = 0xEC;

        /// <summary>The unknown size (all value bits set) in 1 byte.</summary>
        public static readonly byte[] UnknownSize1 = { 0xFF };

        /// <summary>The unknown size in 8 bytes, as a live recorder writes it.</summary>
        public static readonly byte[] UnknownSize8 = { 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

        /// <summary>An element with the shortest size field for its body.</summary>
        public static byte[] Element(uint id, params byte[][] children)
        {
            byte[] body = Concat(children);
            return Concat(Id(id), Size((ulong)body.Length), body);
        }

        /// <summary>An element whose size field is given as raw bytes (a lie, an unknown size, a long encoding).</summary>
        public static byte[] Sized(uint id, byte[] sizeField, byte[] body) => Concat(Id(id), sizeField, body);

        /// <summary>The id's bytes as written: 1 to 4, its length marker included.</summary>
        public static byte[] Id(uint id)
        {
            int length = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
            return Enumerable.Range(0, length).Select(i => (byte)(id >> (8 * (length - 1 - i)))).ToArray();
        }

        /// <summary><paramref name="value"/> as a variable-length integer of the shortest length that is not all ones.</summary>
        public static byte[] Size(ulong value)
        {
            int length = 1;
            while (length < 8 && value >= (1UL << (7 * length)) - 1) length++;
            return Size(value, length);
        }

        /// <summary><paramref name="value"/> as a variable-length integer of exactly <paramref name="length"/> bytes.</summary>
        public static byte[] Size(ulong value, int length)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) bytes[i] = (byte)(value >> (8 * (length - 1 - i)));
            bytes[0] |= (byte)(0x80 >> (length - 1));
            return bytes;
        }

        public static byte[] Text(uint id, string text) => Element(id, Encoding.ASCII.GetBytes(text));

        /// <summary>An unsigned integer element, big-endian in <paramref name="bytes"/> bytes.</summary>
        public static byte[] UInt(uint id, ulong value, int bytes) =>
            Element(id, Enumerable.Range(0, bytes).Select(i => (byte)(value >> (8 * (bytes - 1 - i)))).ToArray());

        public static byte[] Float64(uint id, double value) => Element(id, BigEndian(BitConverter.GetBytes(value)));

        public static byte[] Float32(uint id, float value) => Element(id, BigEndian(BitConverter.GetBytes(value)));

        /// <summary>The EBML header naming <paramref name="docType"/> (DocType last, where the reader must still find it).</summary>
        public static byte[] Header(string docType) => Element(Ebml, UInt(DocTypeVersion, 4, 1), Text(DocType, docType));

        /// <summary>A file: the header, then a segment of known size holding <paramref name="children"/>.</summary>
        public static byte[] File(string docType, params byte[][] children) => Concat(Header(docType), Element(Segment, children));

        /// <summary>An Info element with the given scale (ns per tick) and duration (ticks, as a 64-bit float).</summary>
        public static byte[] InfoWith(ulong scale, double duration) => Element(Info, UInt(TimestampScale, scale, 3), Float64(Duration, duration));

        public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        private static byte[] BigEndian(byte[] bytes)
        {
            if (BitConverter.IsLittleEndian) Array.Reverse(bytes);
            return bytes;
        }
    }
}
