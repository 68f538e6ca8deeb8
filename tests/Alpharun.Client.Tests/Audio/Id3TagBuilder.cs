using System.IO;
using System.Text;

namespace Alpharun.Tests
{
    /// <summary>Builds an ID3v2 tag frame by frame, with any version, flags and (lying) sizes a test needs.</summary>
    internal sealed class Id3TagBuilder
    {
        private readonly int _version;
        private readonly byte _flags;
        private readonly MemoryStream _body = new MemoryStream();

        public Id3TagBuilder(int version = 4, byte flags = 0)
        {
            _version = version;
            _flags = flags;
        }

        /// <summary>A frame; <paramref name="sizeBytes"/> are its 4 size bytes as written (default: syncsafe in v2.4, plain before).</summary>
        public Id3TagBuilder Frame(string id, byte[] body, byte[]? sizeBytes = null)
        {
            _body.Write(Encoding.ASCII.GetBytes(id));
            _body.Write(sizeBytes ?? (_version == 4 ? Syncsafe(body.Length) : BigEndian(body.Length)));
            _body.Write(new byte[2]); // frame flags
            _body.Write(body);
            return this;
        }

        /// <summary>A Latin-1 text frame (encoding byte 0).</summary>
        public Id3TagBuilder Text(string id, string text) => Frame(id, Latin1(text));

        public Id3TagBuilder Raw(byte[] bytes)
        {
            _body.Write(bytes);
            return this;
        }

        /// <summary>The tag: its 10-byte header, then the frames; <paramref name="declaredSize"/> overrides the size in the header.</summary>
        public byte[] Build(int? declaredSize = null)
        {
            var tag = new MemoryStream();
            tag.Write(Encoding.ASCII.GetBytes("ID3"));
            tag.WriteByte((byte)_version);
            tag.WriteByte(0);
            tag.WriteByte(_flags);
            tag.Write(Syncsafe(declaredSize ?? (int)_body.Length));
            tag.Write(_body.ToArray());
            return tag.ToArray();
        }

        public static byte[] Latin1(string text)
        {
            byte[] bytes = new byte[1 + text.Length];
            Encoding.Latin1.GetBytes(text).CopyTo(bytes, 1);
            return bytes;
        }

        public static byte[] Syncsafe(int value) => new[] { (byte)(value >> 21 & 0x7F), (byte)(value >> 14 & 0x7F), (byte)(value >> 7 & 0x7F), (byte)(value & 0x7F) };

        public static byte[] BigEndian(int value) => new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
    }
}
