using System;

namespace Alpharun
{
    /// <summary>
    /// ISO base media (MP4, M4A, QuickTime): walks the top-level boxes by their headers (seeking over mdat, so the
    /// index may sit at the end) to moov/mvhd, which holds the length and the creation time.
    /// </summary>
    internal static class Mp4Reader
    {
        private const int MaxBoxes = 1024;
        private static readonly DateTimeOffset Epoch1904 = new DateTimeOffset(1904, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public static bool Matches(byte[] head) => ByteReader.Matches(head, 4, "ftyp");

        public static AudioInfo Read(AudioSource source)
        {
            long at = 0;
            bool mdat = false;
            for (int i = 0; i < MaxBoxes && at < source.Length; i++)
            {
                if (!BoxHeader(source, at, source.Length, out string type, out long size, out long headerSize))
                {
                    AudioInfo cut = AudioInfo.NotAudioFile($"an MP4 file cut short: a box at byte {at} is longer than the file", AudioContainer.Mp4);
                    // A box whose header or body the file does not hold yet; a size too small to be a box is damage.
                    bool truncated = size == 0 || size > source.Length - at;
                    return truncated ? cut.WithUnfinished($"its MP4 box at byte {at} runs past the end of the file") : cut;
                }
                if (type == "mdat") mdat = true;
                if (type == "moov")
                {
                    AudioInfo? info = ReadMoov(source, at + headerSize, at + size);
                    if (info != null) return info;
                }
                at += size;
            }
            // A recorder writes the index last (unless it streams fragments, which need one up front): without it the
            // file cannot be played, so an old one is refused; a recent one may still be being recorded.
            return AudioInfo.NotAudioFile(mdat
                ? "an MP4 file with no index (moov box): cut short or still being written"
                : "an MP4 file with no media", AudioContainer.Mp4).WithUnfinished("its MP4 index (moov box) is not written yet");
        }

        private static AudioInfo? ReadMoov(AudioSource source, long start, long end)
        {
            long at = start;
            for (int i = 0; i < 64 && at < end; i++)
            {
                if (!BoxHeader(source, at, end, out string type, out long size, out long headerSize)) return null;
                if (type == "mvhd") return ReadMvhd(source.ReadAt(at + headerSize, (int)Math.Min(size - headerSize, 32)));
                at += size;
            }
            return null;
        }

        private static AudioInfo ReadMvhd(byte[] m)
        {
            if (m.Length < 20) return AudioInfo.NotAudioFile("a damaged MP4 file: its movie header is cut short", AudioContainer.Mp4);
            ulong created, timescale, duration;
            if (m[0] == 1)
            {
                if (!ByteReader.U64BE(m, 4, out created) || !ByteReader.U32BE(m, 20, out uint scale) || !ByteReader.U64BE(m, 24, out duration))
                {
                    return AudioInfo.NotAudioFile("a damaged MP4 file: its movie header is cut short", AudioContainer.Mp4);
                }
                timescale = scale;
            }
            else
            {
                ByteReader.U32BE(m, 4, out uint created32);
                ByteReader.U32BE(m, 12, out uint scale);
                ByteReader.U32BE(m, 16, out uint duration32);
                created = created32;
                timescale = scale;
                duration = duration32 == uint.MaxValue ? 0 : duration32;
            }
            MetadataDate? date = null;
            // 0 means "not set"; anything past year 9999 is nonsense.
            if (created > 0 && created < 253_000_000_000UL) date = new MetadataDate(Epoch1904.AddSeconds(created), true, "mvhd");
            return AudioInfo.Recognised(AudioContainer.Mp4, "audio/mp4", duration == 0 ? null : SampleTime.Of(duration, timescale), date);
        }

        // size 1: a 64-bit size follows; size 0: to the end of the enclosing space.
        private static bool BoxHeader(AudioSource source, long at, long end, out string type, out long size, out long headerSize)
        {
            byte[] h = source.ReadAt(at, 16);
            type = string.Empty;
            size = 0;
            headerSize = 8;
            if (!ByteReader.U32BE(h, 0, out uint size32) || !ByteReader.Has(h, 4, 4)) return false;
            type = ByteReader.Latin1(h, 4, 4);
            if (size32 == 1)
            {
                if (!ByteReader.U64BE(h, 8, out ulong large) || large > long.MaxValue) return false;
                size = (long)large;
                headerSize = 16;
            }
            else
            {
                size = size32 == 0 ? end - at : size32;
            }
            return size >= headerSize && size <= end - at;
        }
    }
}
