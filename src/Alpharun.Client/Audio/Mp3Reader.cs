using System;

namespace Alpharun
{
    /// <summary>
    /// MPEG audio: the first frame header (found after any ID3v2 tag and confirmed by the next frame), then the
    /// Xing/Info or VBRI header's frame count, or else the bitrate over the audio bytes, for the length.
    /// </summary>
    internal static class Mp3Reader
    {
        private const int SyncSearch = 4096;
        private static readonly int[,] Bitrates =
        {
            // MPEG-1 layer I, II, III; MPEG-2/2.5 layer I, II/III (kbit/s)
            { 0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, -1 },
            { 0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, -1 },
            { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1 },
            { 0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, -1 },
            { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1 },
        };
        private static readonly int[] SampleRates = { 44100, 48000, 32000 };

        /// <summary>True when a frame header sits at <paramref name="offset"/> and the next one where its length says.</summary>
        public static bool FramesAt(byte[] data, long offset) =>
            Frame.TryRead(data, offset, out Frame first) && Frame.TryRead(data, offset + first.Length, out Frame second)
            && second.SampleRate == first.SampleRate && second.Layer == first.Layer;

        /// <summary>Reads MPEG audio that starts at or shortly after <paramref name="start"/>; null when no frames are found.</summary>
        public static AudioInfo? Read(AudioSource source, long start, MetadataDate? date)
        {
            byte[] d = source.Head;
            long limit = Math.Min(d.Length - 4, start + SyncSearch);
            for (long at = start; at <= limit; at++)
            {
                if (d[at] != 0xFF || !FramesAt(d, at)) continue;
                Frame.TryRead(d, at, out Frame frame);
                return AudioInfo.Recognised(AudioContainer.Mp3, "audio/mpeg", Duration(source, at, frame), date, frame.Layer == 3 ? "MP3" : $"MPEG layer {frame.Layer}");
            }
            return null;
        }

        private static TimeSpan? Duration(AudioSource source, long at, Frame frame)
        {
            byte[] d = source.Head;
            // Xing/Info sits after the side information; VBRI 32 bytes after the header.
            int sideInfo = frame.Version == 1 ? (frame.Mono ? 17 : 32) : (frame.Mono ? 9 : 17);
            long xing = at + 4 + sideInfo;
            if ((ByteReader.Matches(d, xing, "Xing") || ByteReader.Matches(d, xing, "Info")) && ByteReader.U32BE(d, xing + 4, out uint flags) && (flags & 1) != 0
                && ByteReader.U32BE(d, xing + 8, out uint frames) && frames > 0)
            {
                ulong samples = (ulong)frames * (ulong)frame.SamplesPerFrame;
                // The LAME/Lavc extension after the Xing fields gives the encoder delay and padding (12 bits each).
                long lame = xing + 8 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 100 : 0) + ((flags & 8) != 0 ? 4 : 0);
                if ((ByteReader.Matches(d, lame, "LAME") || ByteReader.Matches(d, lame, "Lavc") || ByteReader.Matches(d, lame, "Lavf")) && ByteReader.Has(d, lame + 21, 3))
                {
                    ulong delay = (ulong)(d[lame + 21] << 4 | d[lame + 22] >> 4);
                    ulong padding = (ulong)((d[lame + 22] & 0x0F) << 8 | d[lame + 23]);
                    if (delay + padding < samples) samples -= delay + padding;
                }
                return SampleTime.Of(samples, (ulong)frame.SampleRate);
            }
            if (ByteReader.Matches(d, at + 36, "VBRI") && ByteReader.U32BE(d, at + 36 + 14, out uint vbriFrames) && vbriFrames > 0)
            {
                return SampleTime.Of((ulong)vbriFrames * (ulong)frame.SamplesPerFrame, (ulong)frame.SampleRate);
            }
            long audioBytes = source.Length - at;
            byte[] tail = source.ReadAt(source.Length - 128, 128);
            if (ByteReader.Matches(tail, 0, "TAG")) audioBytes -= 128; // ID3v1
            return SampleTime.Of((ulong)audioBytes * 8, (ulong)frame.Bitrate);
        }

        private readonly struct Frame
        {
            private Frame(int version, int layer, int bitrate, int sampleRate, bool mono, int length, int samplesPerFrame)
            {
                Version = version;
                Layer = layer;
                Bitrate = bitrate;
                SampleRate = sampleRate;
                Mono = mono;
                Length = length;
                SamplesPerFrame = samplesPerFrame;
            }

            /// <summary>1 for MPEG-1, 2 for MPEG-2 and MPEG-2.5.</summary>
            public int Version { get; }

            public int Layer { get; }

            /// <summary>Bits per second.</summary>
            public int Bitrate { get; }

            public int SampleRate { get; }

            public bool Mono { get; }

            public int Length { get; }

            public int SamplesPerFrame { get; }

            public static bool TryRead(byte[] d, long at, out Frame frame)
            {
                frame = default;
                if (!ByteReader.Has(d, at, 4) || d[at] != 0xFF || (d[at + 1] & 0xE0) != 0xE0) return false;
                int versionBits = d[at + 1] >> 3 & 3;   // 0 MPEG-2.5, 2 MPEG-2, 3 MPEG-1
                int layerBits = d[at + 1] >> 1 & 3;     // 1 III, 2 II, 3 I
                int bitrateIndex = d[at + 2] >> 4;
                int rateIndex = d[at + 2] >> 2 & 3;
                if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) return false;
                int layer = 4 - layerBits;
                int version = versionBits == 3 ? 1 : 2;
                int row = version == 1 ? layer - 1 : (layer == 1 ? 3 : 4);
                int bitrate = Bitrates[row, bitrateIndex] * 1000;
                int sampleRate = SampleRates[rateIndex] >> (versionBits == 3 ? 0 : versionBits == 2 ? 1 : 2);
                int padding = d[at + 2] >> 1 & 1;
                bool mono = (d[at + 3] >> 6) == 3;
                int samples = layer == 1 ? 384 : layer == 2 || version == 1 ? 1152 : 576;
                int length = layer == 1 ? (12 * bitrate / sampleRate + padding) * 4 : samples / 8 * bitrate / sampleRate + padding;
                if (length < 4) return false;
                frame = new Frame(version, layer, bitrate, sampleRate, mono, length, samples);
                return true;
            }
        }
    }
}
