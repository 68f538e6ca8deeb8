using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Alpharun.Tests
{
    /// <summary>Builds RIFF/WAVE files chunk by chunk, so a test can make a well-formed file or break one on purpose.</summary>
    internal sealed class WavBuilder
    {
        private readonly List<(string Id, byte[] Body, uint? DeclaredSize)> _chunks = new List<(string, byte[], uint?)>();

        public static WavBuilder Pcm(int sampleRate, int channels, int bitsPerSample, int frames)
        {
            int blockAlign = channels * bitsPerSample / 8;
            return new WavBuilder().Fmt(1, sampleRate, channels, bitsPerSample).Chunk("data", new byte[frames * blockAlign]);
        }

        public WavBuilder Fmt(int formatTag, int sampleRate, int channels, int bitsPerSample)
        {
            int blockAlign = channels * bitsPerSample / 8;
            var fmt = new MemoryStream();
            var w = new BinaryWriter(fmt);
            w.Write((ushort)formatTag);
            w.Write((ushort)channels);
            w.Write(sampleRate);
            w.Write(sampleRate * blockAlign);
            w.Write((ushort)blockAlign);
            w.Write((ushort)bitsPerSample);
            return Chunk("fmt ", fmt.ToArray());
        }

        public WavBuilder Chunk(string id, byte[] body, uint? declaredSize = null)
        {
            _chunks.Add((id, body, declaredSize));
            return this;
        }

        /// <summary>A bext chunk with the origination date and time (EBU Tech 3285).</summary>
        public WavBuilder Bext(string date, string time)
        {
            byte[] body = new byte[602];
            Encoding.ASCII.GetBytes(date).CopyTo(body, 320);
            Encoding.ASCII.GetBytes(time).CopyTo(body, 330);
            return Chunk("bext", body);
        }

        /// <summary>A LIST/INFO chunk holding ICRD.</summary>
        public WavBuilder InfoCreationDate(string date)
        {
            byte[] text = Encoding.ASCII.GetBytes(date + "\0");
            var body = new MemoryStream();
            var w = new BinaryWriter(body);
            w.Write(Encoding.ASCII.GetBytes("INFO"));
            w.Write(Encoding.ASCII.GetBytes("ICRD"));
            w.Write(text.Length);
            w.Write(text);
            if (text.Length % 2 == 1) w.Write((byte)0);
            return Chunk("LIST", body.ToArray());
        }

        public byte[] Build()
        {
            var body = new MemoryStream();
            var w = new BinaryWriter(body);
            w.Write(Encoding.ASCII.GetBytes("WAVE"));
            foreach ((string id, byte[] data, uint? declared) in _chunks)
            {
                w.Write(Encoding.ASCII.GetBytes(id));
                w.Write(declared ?? (uint)data.Length);
                w.Write(data);
                if (data.Length % 2 == 1) w.Write((byte)0);
            }
            var file = new MemoryStream();
            var f = new BinaryWriter(file);
            f.Write(Encoding.ASCII.GetBytes("RIFF"));
            f.Write((uint)body.Length);
            f.Write(body.ToArray());
            return file.ToArray();
        }
    }
}
