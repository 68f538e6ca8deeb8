using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Alpharun.Tests
{
    /// <summary>A PCM WAV made of raw chunks laid end to end, for the source tests, which read it in pieces.</summary>
    internal sealed class PcmWavChunks
    {
        private readonly List<byte[]> _chunks = new List<byte[]>();

        /// <summary>One chunk: id, little-endian size, body, pad byte.</summary>
        public static byte[] Chunk(string id, byte[] body) =>
            Encoding.ASCII.GetBytes(id).Concat(BitConverter.GetBytes(body.Length)).Concat(body).Concat(body.Length % 2 == 1 ? new byte[1] : Array.Empty<byte>()).ToArray();

        public PcmWavChunks Fmt(int rate, int channels, int bits)
        {
            int align = channels * bits / 8;
            byte[] fmt = BitConverter.GetBytes((ushort)1).Concat(BitConverter.GetBytes((ushort)channels)).Concat(BitConverter.GetBytes(rate))
                .Concat(BitConverter.GetBytes(rate * align)).Concat(BitConverter.GetBytes((ushort)align)).Concat(BitConverter.GetBytes((ushort)bits)).ToArray();
            return Raw(Chunk("fmt ", fmt));
        }

        public PcmWavChunks Raw(byte[] chunk)
        {
            _chunks.Add(chunk);
            return this;
        }

        public PcmWavChunks Data(int bytes) => Raw(Chunk("data", new byte[bytes]));

        public byte[] Build()
        {
            byte[] body = Encoding.ASCII.GetBytes("WAVE").Concat(_chunks.SelectMany(c => c)).ToArray();
            return Encoding.ASCII.GetBytes("RIFF").Concat(BitConverter.GetBytes(body.Length)).Concat(body).ToArray();
        }
    }
}
