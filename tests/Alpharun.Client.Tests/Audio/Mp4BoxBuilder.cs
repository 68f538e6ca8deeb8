using System.IO;
using System.Text;

namespace Alpharun.Tests
{
    /// <summary>ISO base media boxes: 32-bit, 64-bit ("size 1") and to-the-end ("size 0") headers, and movie headers (mvhd v0/v1).</summary>
    internal static class Mp4BoxBuilder
    {
        public static byte[] Box(string type, params byte[][] children)
        {
            byte[] body = Join(children);
            var box = new MemoryStream();
            WriteU32(box, (uint)(8 + body.Length));
            box.Write(Encoding.ASCII.GetBytes(type));
            box.Write(body);
            return box.ToArray();
        }

        /// <summary>A box whose header declares <paramref name="declaredSize"/> whatever its body.</summary>
        public static byte[] BoxSized(string type, uint declaredSize, byte[] body)
        {
            var box = new MemoryStream();
            WriteU32(box, declaredSize);
            box.Write(Encoding.ASCII.GetBytes(type));
            box.Write(body);
            return box.ToArray();
        }

        /// <summary>A box with a 64-bit size (header size 1, then the size over 8 bytes).</summary>
        public static byte[] LargeBox(string type, byte[] body)
        {
            var box = new MemoryStream();
            WriteU32(box, 1);
            box.Write(Encoding.ASCII.GetBytes(type));
            WriteU64(box, (ulong)(16 + body.Length));
            box.Write(body);
            return box.ToArray();
        }

        public static byte[] Ftyp() => Box("ftyp", Encoding.ASCII.GetBytes("M4A \0\0\0\0"));

        /// <summary>A version 0 movie header body cut to its first <paramref name="length"/> bytes (at most 100).</summary>
        public static byte[] MvhdV0(uint created, uint timescale, uint duration, int length = 100)
        {
            var m = new MemoryStream();
            WriteU32(m, 0); // version 0, flags
            WriteU32(m, created);
            WriteU32(m, created); // modified
            WriteU32(m, timescale);
            WriteU32(m, duration);
            m.Write(new byte[80]);
            return m.ToArray()[..length];
        }

        /// <summary>A version 1 movie header body (64-bit times) cut to its first <paramref name="length"/> bytes (at most 112).</summary>
        public static byte[] MvhdV1(ulong created, uint timescale, ulong duration, int length = 112)
        {
            var m = new MemoryStream();
            WriteU32(m, 0x01000000); // version 1, flags
            WriteU64(m, created);
            WriteU64(m, created); // modified
            WriteU32(m, timescale);
            WriteU64(m, duration);
            m.Write(new byte[80]);
            return m.ToArray()[..length];
        }

        public static byte[] Join(params byte[][] parts)
        {
            var all = new MemoryStream();
            foreach (byte[] part in parts) all.Write(part);
            return all.ToArray();
        }

        private static void WriteU32(Stream s, uint v)
        {
            s.WriteByte((byte)(v >> 24));
            s.WriteByte((byte)(v >> 16));
            s.WriteByte((byte)(v >> 8));
            s.WriteByte((byte)v);
        }

        private static void WriteU64(Stream s, ulong v)
        {
            WriteU32(s, (uint)(v >> 32));
            WriteU32(s, (uint)v);
        }
    }
}
