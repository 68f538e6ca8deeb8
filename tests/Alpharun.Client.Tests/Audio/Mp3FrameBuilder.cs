using System.Text;

namespace Alpharun.Tests
{
    /// <summary>
    /// MPEG audio frames byte by byte: a 4-byte header (no CRC) padded with zeros to the length the test states,
    /// and the Xing/Info, LAME and VBRI fields written where a test puts them.
    /// </summary>
    internal static class Mp3FrameBuilder
    {
        /// <summary>
        /// A frame of <paramref name="length"/> bytes. <paramref name="versionBits"/>: 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5, 1 reserved;
        /// <paramref name="layerBits"/>: 1 layer III, 2 layer II, 3 layer I, 0 reserved.
        /// </summary>
        public static byte[] Frame(int versionBits, int layerBits, int bitrateIndex, int rateIndex, int length, bool padding = false, bool mono = false)
        {
            byte[] frame = new byte[length];
            frame[0] = 0xFF;
            frame[1] = (byte)(0xE0 | versionBits << 3 | layerBits << 1 | 1);
            frame[2] = (byte)(bitrateIndex << 4 | rateIndex << 2 | (padding ? 2 : 0));
            frame[3] = (byte)(mono ? 0xC0 : 0x00);
            return frame;
        }

        /// <summary>MPEG-1 layer III, 128 kbit/s, 32 kHz, stereo: 576 bytes and 1152 samples, 36 ms.</summary>
        public static byte[] Mpeg1Layer3(bool padding = false, bool mono = false) => Frame(3, 1, 9, 2, padding ? 577 : 576, padding, mono);

        public static byte[] Repeat(byte[] frame, int count)
        {
            byte[] all = new byte[frame.Length * count];
            for (int i = 0; i < count; i++) frame.CopyTo(all, i * frame.Length);
            return all;
        }

        public static byte[] Join(params byte[][] parts)
        {
            int length = 0;
            foreach (byte[] part in parts) length += part.Length;
            byte[] all = new byte[length];
            int at = 0;
            foreach (byte[] part in parts)
            {
                part.CopyTo(all, at);
                at += part.Length;
            }
            return all;
        }

        public static void Ascii(byte[] into, int at, string text) => Encoding.ASCII.GetBytes(text).CopyTo(into, at);

        public static void U32BE(byte[] into, int at, uint value)
        {
            into[at] = (byte)(value >> 24);
            into[at + 1] = (byte)(value >> 16);
            into[at + 2] = (byte)(value >> 8);
            into[at + 3] = (byte)value;
        }

        /// <summary>A Xing/Info header at <paramref name="at"/>: its tag, flags and (when flag 1 is set) the frame count; returns where its fields end.</summary>
        public static int Xing(byte[] frame, int at, string tag, uint flags, uint frames)
        {
            Ascii(frame, at, tag);
            U32BE(frame, at + 4, flags);
            int end = at + 8;
            if ((flags & 1) != 0) U32BE(frame, end, frames);
            end += ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
            return end;
        }

        /// <summary>The LAME/Lavc extension at <paramref name="at"/>: its tag, then encoder delay and padding (12 bits each) 21 bytes on.</summary>
        public static void Lame(byte[] frame, int at, string tag, int delay, int padding)
        {
            Ascii(frame, at, tag);
            frame[at + 21] = (byte)(delay >> 4);
            frame[at + 22] = (byte)((delay & 0x0F) << 4 | padding >> 8);
            frame[at + 23] = (byte)padding;
        }

        /// <summary>A minimal ID3v2.4 tag of <paramref name="bodySize"/> zero bytes (padding).</summary>
        public static byte[] Id3(int bodySize)
        {
            byte[] tag = new byte[10 + bodySize];
            Ascii(tag, 0, "ID3");
            tag[3] = 4;
            tag[6] = (byte)(bodySize >> 21 & 0x7F);
            tag[7] = (byte)(bodySize >> 14 & 0x7F);
            tag[8] = (byte)(bodySize >> 7 & 0x7F);
            tag[9] = (byte)(bodySize & 0x7F);
            return tag;
        }
    }
}
