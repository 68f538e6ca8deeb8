using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Alpharun.Tests
{
    /// <summary>
    /// Builds RIFF, RF64 or BW64 files chunk by chunk (ds64, fact, extensible fmt, LIST with any sub-chunks, raw
    /// trailing bytes), so a test can state one exact header and the answer it must give.
    /// </summary>
    internal sealed class RiffWaveBuilder
    {
        private readonly string _form;
        private readonly string _type;
        private readonly MemoryStream _body = new MemoryStream();

        public RiffWaveBuilder(string form = "RIFF", string type = "WAVE")
        {
            _form = form;
            _type = type;
        }

        /// <summary>A chunk; <paramref name="declaredSize"/> overrides the size written in its header (a lie).</summary>
        public RiffWaveBuilder Chunk(string id, byte[] body, uint? declaredSize = null)
        {
            var w = new BinaryWriter(_body);
            w.Write(Encoding.Latin1.GetBytes(id));
            w.Write(declaredSize ?? (uint)body.Length);
            w.Write(body);
            if (body.Length % 2 == 1) w.Write((byte)0);
            return this;
        }

        /// <summary>A 16-byte fmt chunk.</summary>
        public RiffWaveBuilder Fmt(int formatTag, int sampleRate, int channels, int bitsPerSample, int? byteRate = null, int? blockAlign = null) =>
            Chunk("fmt ", FmtBody(formatTag, sampleRate, channels, bitsPerSample, byteRate, blockAlign));

        /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID starts with <paramref name="subFormat"/>.</summary>
        public RiffWaveBuilder FmtExtensible(int subFormat, int sampleRate, int channels, int bitsPerSample)
        {
            byte[] body = new byte[40];
            FmtBody(0xFFFE, sampleRate, channels, bitsPerSample, null, null).CopyTo(body, 0);
            BitConverter.GetBytes((ushort)22).CopyTo(body, 16);
            BitConverter.GetBytes((ushort)bitsPerSample).CopyTo(body, 18);
            BitConverter.GetBytes((ushort)subFormat).CopyTo(body, 24);
            return Chunk("fmt ", body);
        }

        /// <summary>The ds64 chunk of RF64/BW64: RIFF size, data size, sample count, no table.</summary>
        public RiffWaveBuilder Ds64(ulong riffSize, ulong dataSize, ulong sampleCount)
        {
            byte[] body = new byte[28];
            BitConverter.GetBytes(riffSize).CopyTo(body, 0);
            BitConverter.GetBytes(dataSize).CopyTo(body, 8);
            BitConverter.GetBytes(sampleCount).CopyTo(body, 16);
            return Chunk("ds64", body);
        }

        public RiffWaveBuilder Fact(uint samples) => Chunk("fact", BitConverter.GetBytes(samples));

        public RiffWaveBuilder Data(int bytes, uint? declaredSize = null) => Chunk("data", new byte[bytes], declaredSize);

        /// <summary>A bext chunk with the origination date (10 bytes at 320) and time (8 bytes at 330).</summary>
        public RiffWaveBuilder Bext(string date, string time)
        {
            byte[] body = new byte[602];
            Encoding.ASCII.GetBytes(date).CopyTo(body, 320);
            Encoding.ASCII.GetBytes(time).CopyTo(body, 330);
            return Chunk("bext", body);
        }

        /// <summary>A LIST chunk of <paramref name="listType"/> holding the sub-chunks given (each padded to even length).</summary>
        public RiffWaveBuilder List(string listType, params (string Id, string Text)[] subChunks)
        {
            var body = new MemoryStream();
            var w = new BinaryWriter(body);
            w.Write(Encoding.ASCII.GetBytes(listType));
            foreach ((string id, string text) in subChunks)
            {
                byte[] bytes = Encoding.ASCII.GetBytes(text);
                w.Write(Encoding.ASCII.GetBytes(id));
                w.Write(bytes.Length);
                w.Write(bytes);
                if (bytes.Length % 2 == 1) w.Write((byte)0);
            }
            return Chunk("LIST", body.ToArray());
        }

        /// <summary>Bytes written as they are, outside any chunk.</summary>
        public RiffWaveBuilder Raw(byte[] bytes)
        {
            _body.Write(bytes, 0, bytes.Length);
            return this;
        }

        public byte[] Build()
        {
            var file = new MemoryStream();
            var w = new BinaryWriter(file);
            w.Write(Encoding.ASCII.GetBytes(_form));
            w.Write(_form == "RIFF" ? (uint)(4 + _body.Length) : 0xFFFFFFFF);
            w.Write(Encoding.ASCII.GetBytes(_type));
            w.Write(_body.ToArray());
            return file.ToArray();
        }

        private static byte[] FmtBody(int formatTag, int sampleRate, int channels, int bitsPerSample, int? byteRate, int? blockAlign)
        {
            int align = blockAlign ?? channels * bitsPerSample / 8;
            var fmt = new MemoryStream();
            var w = new BinaryWriter(fmt);
            w.Write((ushort)formatTag);
            w.Write((ushort)channels);
            w.Write(sampleRate);
            w.Write(byteRate ?? sampleRate * align);
            w.Write((ushort)align);
            w.Write((ushort)bitsPerSample);
            return fmt.ToArray();
        }
    }
}
