using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Alpharun.Tests
{
    /// <summary>
    /// Builds Ogg pages and the header packets of Vorbis, Opus and Ogg FLAC, so a test can make a stream of known
    /// length and date or break one field on purpose. The reader checks no CRC, so none is computed.
    /// </summary>
    internal static class OggPageBuilder
    {
        public const ulong NoGranule = ulong.MaxValue;

        /// <summary>One page holding <paramref name="packets"/>; the last one continues on the next page when <paramref name="continued"/>.</summary>
        public static byte[] Page(uint serial, ulong granule, params byte[][] packets) => Page(serial, granule, false, packets);

        public static byte[] Page(uint serial, ulong granule, bool continued, params byte[][] packets)
        {
            var lacing = new List<byte>();
            for (int p = 0; p < packets.Length; p++)
            {
                int length = packets[p].Length;
                for (; length >= 255; length -= 255) lacing.Add(255);
                if (!(continued && p == packets.Length - 1)) lacing.Add((byte)length);
            }
            var page = new List<byte>();
            page.AddRange(Encoding.ASCII.GetBytes("OggS"));
            page.Add(0); // version
            page.Add(0); // header type
            page.AddRange(BitConverter.GetBytes(granule));
            page.AddRange(BitConverter.GetBytes(serial));
            page.AddRange(BitConverter.GetBytes(0u)); // sequence
            page.AddRange(BitConverter.GetBytes(0u)); // CRC
            page.Add((byte)lacing.Count);
            page.AddRange(lacing);
            foreach (byte[] packet in packets) page.AddRange(packet);
            return page.ToArray();
        }

        /// <summary>The Vorbis identification header (30 bytes) at <paramref name="rate"/> Hz.</summary>
        public static byte[] VorbisId(uint rate)
        {
            byte[] packet = new byte[30];
            Ascii("\u0001vorbis").CopyTo(packet, 0);
            packet[11] = 1; // channels
            BitConverter.GetBytes(rate).CopyTo(packet, 12);
            packet[28] = 0xB8; // block sizes
            packet[29] = 1; // framing
            return packet;
        }

        /// <summary>The OpusHead packet (19 bytes).</summary>
        public static byte[] OpusHead(ushort preSkip, uint inputRate = 16000)
        {
            byte[] packet = new byte[19];
            Ascii("OpusHead").CopyTo(packet, 0);
            packet[8] = 1; // version
            packet[9] = 1; // channels
            BitConverter.GetBytes(preSkip).CopyTo(packet, 10);
            BitConverter.GetBytes(inputRate).CopyTo(packet, 12);
            return packet;
        }

        /// <summary>The Ogg FLAC first packet (51 bytes): the mapping header, fLaC and STREAMINFO at <paramref name="rate"/> Hz.</summary>
        public static byte[] FlacHead(uint rate)
        {
            byte[] packet = new byte[51];
            Ascii("\u007FFLAC").CopyTo(packet, 0);
            packet[5] = 1; // mapping version 1.0
            packet[8] = 1; // one header packet follows
            Ascii("fLaC").CopyTo(packet, 9);
            packet[13] = 0; // STREAMINFO
            packet[16] = 34;
            int info = 17;
            packet[info + 1] = 0x10; // min block size 4096
            packet[info + 3] = 0x10; // max block size 4096
            packet[info + 10] = (byte)(rate >> 12);
            packet[info + 11] = (byte)(rate >> 4);
            packet[info + 12] = (byte)((rate & 0x0F) << 4 | 0 << 1 | 0); // mono, then the top bit of bits per sample
            packet[info + 13] = 0xF0; // 16 bits per sample
            return packet;
        }

        /// <summary>A Vorbis comment block (vendor, count, comments), as all three codecs store it.</summary>
        public static byte[] Comments(string vendor, params string[] comments) => CommentsCounted(vendor, (uint)comments.Length, comments);

        /// <summary>A comment block whose count says <paramref name="count"/>, whatever it holds.</summary>
        public static byte[] CommentsCounted(string vendor, uint count, params string[] comments)
        {
            var block = new List<byte>();
            byte[] v = Encoding.UTF8.GetBytes(vendor);
            block.AddRange(BitConverter.GetBytes((uint)v.Length));
            block.AddRange(v);
            block.AddRange(BitConverter.GetBytes(count));
            foreach (string comment in comments)
            {
                byte[] c = Encoding.UTF8.GetBytes(comment);
                block.AddRange(BitConverter.GetBytes((uint)c.Length));
                block.AddRange(c);
            }
            return block.ToArray();
        }

        /// <summary>The Vorbis comment header: type 3, "vorbis", the block, the framing bit.</summary>
        public static byte[] VorbisComments(params string[] comments) => Concat(Ascii("\u0003vorbis"), Comments("Lavf", comments), new byte[] { 1 });

        public static byte[] OpusTags(params string[] comments) => Concat(Ascii("OpusTags"), Comments("Lavf", comments));

        /// <summary>A FLAC metadata block of <paramref name="type"/> (4 is VORBIS_COMMENT), marked last, around <paramref name="body"/>.</summary>
        public static byte[] FlacBlock(int type, byte[] body) =>
            Concat(new byte[] { (byte)(0x80 | type), (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length }, body);

        /// <summary>Some audio packet bytes (their content is never read).</summary>
        public static byte[] Audio(int length) => Enumerable.Repeat((byte)0x5A, length).ToArray();

        public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
    }
}
