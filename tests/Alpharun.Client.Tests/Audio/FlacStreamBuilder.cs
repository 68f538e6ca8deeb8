using System.IO;
using System.Text;

namespace Alpharun.Tests
{
    /// <summary>Builds native FLAC: "fLaC", metadata blocks (with any type, last flag and declared length), then audio bytes.</summary>
    internal sealed class FlacStreamBuilder
    {
        private readonly MemoryStream _bytes = new MemoryStream();

        public FlacStreamBuilder() => _bytes.Write(Encoding.ASCII.GetBytes("fLaC"));

        /// <summary>A metadata block; <paramref name="declaredLength"/> overrides the 24-bit length in its header.</summary>
        public FlacStreamBuilder Block(int type, bool last, byte[] body, int? declaredLength = null)
        {
            int length = declaredLength ?? body.Length;
            _bytes.WriteByte((byte)((last ? 0x80 : 0) | type));
            _bytes.WriteByte((byte)(length >> 16));
            _bytes.WriteByte((byte)(length >> 8));
            _bytes.WriteByte((byte)length);
            _bytes.Write(body);
            return this;
        }

        /// <summary>A 34-byte STREAMINFO: 20-bit sample rate at byte 10, 36-bit total samples from byte 13.</summary>
        public FlacStreamBuilder StreamInfo(int sampleRate, long totalSamples, bool last = false)
        {
            byte[] s = new byte[34];
            s[10] = (byte)(sampleRate >> 12);
            s[11] = (byte)(sampleRate >> 4);
            s[12] = (byte)((sampleRate & 0x0F) << 4); // then channels - 1 = 0
            s[13] = (byte)(0x70 | (int)(totalSamples >> 32 & 0x0F)); // 16 bits per sample
            s[14] = (byte)(totalSamples >> 24);
            s[15] = (byte)(totalSamples >> 16);
            s[16] = (byte)(totalSamples >> 8);
            s[17] = (byte)totalSamples;
            return Block(0, last, s);
        }

        /// <summary>A VORBIS_COMMENT block with the comments given; <paramref name="count"/> overrides how many it says it holds.</summary>
        public FlacStreamBuilder Comments(bool last, uint? count, params string[] comments) => Block(4, last, CommentBody(count, comments));

        public static byte[] CommentBody(uint? count, params string[] comments)
        {
            var body = new MemoryStream();
            var w = new BinaryWriter(body);
            w.Write(0u); // vendor string length
            w.Write(count ?? (uint)comments.Length);
            foreach (string comment in comments)
            {
                byte[] text = Encoding.UTF8.GetBytes(comment);
                w.Write((uint)text.Length);
                w.Write(text);
            }
            return body.ToArray();
        }

        public FlacStreamBuilder Raw(byte[] bytes)
        {
            _bytes.Write(bytes);
            return this;
        }

        public byte[] Build() => _bytes.ToArray();
    }
}
