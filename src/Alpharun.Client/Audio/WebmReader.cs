using System;

namespace Alpharun
{
    /// <summary>
    /// WebM/Matroska (EBML): the DocType, then Segment/Info for TimestampScale and Duration, read from the head.
    /// </summary>
    internal static class WebmReader
    {
        private const uint Ebml = 0x1A45DFA3, DocType = 0x4282, Segment = 0x18538067, Info = 0x1549A966, Cluster = 0x1F43B675;
        private const uint TimestampScale = 0x2AD7B1, DurationId = 0x4489;
        private const ulong UnknownSize = ulong.MaxValue;

        public static bool Matches(byte[] head) => head.Length >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3;

        public static AudioInfo Read(AudioSource source)
        {
            byte[] d = source.Head;
            if (!Element(d, 0, out uint id, out ulong size, out long body) || id != Ebml || size == UnknownSize || !ByteReader.Has(d, body, (long)Math.Min(size, (ulong)d.Length)))
            {
                return AudioInfo.NotAudioFile("a damaged WebM file: its EBML header is broken", AudioContainer.WebM);
            }
            long headerEnd = body + (long)size;
            string? docType = null;
            for (long at = body; at < headerEnd;)
            {
                if (!Element(d, at, out uint child, out ulong childSize, out long childBody) || childBody > headerEnd || childSize > (ulong)(headerEnd - childBody)) break;
                if (child == DocType) docType = ByteReader.Latin1(d, childBody, (int)childSize);
                at = childBody + (long)childSize;
            }
            if (docType != "webm" && docType != "matroska") return AudioInfo.NotAudioFile("an EBML file that is not WebM or Matroska", AudioContainer.WebM);
            string mediaType = docType == "webm" ? "audio/webm" : "audio/x-matroska";

            if (!Element(d, headerEnd, out uint segment, out ulong segmentSize, out long segmentBody) || segment != Segment)
            {
                return AudioInfo.NotAudioFile("a damaged WebM file: no segment follows its header", AudioContainer.WebM);
            }
            long segmentEnd = segmentSize == UnknownSize || segmentSize > (ulong)(d.Length - segmentBody) ? d.Length : segmentBody + (long)segmentSize;
            for (long at = segmentBody; at < segmentEnd;)
            {
                if (!Element(d, at, out uint child, out ulong childSize, out long childBody) || childBody > segmentEnd || child == Cluster || childSize == UnknownSize) break;
                if (child == Info) return AudioInfo.Recognised(AudioContainer.WebM, mediaType, ReadDuration(d, childBody, childBody + (long)Math.Min(childSize, (ulong)(d.Length - childBody))), null);
                if (childSize > (ulong)(segmentEnd - childBody)) break;
                at = childBody + (long)childSize;
            }
            return AudioInfo.Recognised(AudioContainer.WebM, mediaType, null, null);
        }

        private static TimeSpan? ReadDuration(byte[] d, long start, long end)
        {
            ulong scale = 1_000_000; // nanoseconds per tick, the default
            double? duration = null;
            for (long at = start; at < end;)
            {
                if (!Element(d, at, out uint id, out ulong size, out long body) || body > end || size > (ulong)(end - body)) break;
                if (id == TimestampScale && size >= 1 && size <= 8)
                {
                    scale = 0;
                    for (long i = 0; i < (long)size; i++) scale = scale << 8 | d[body + i];
                }
                else if (id == DurationId && size == 8 && ByteReader.U64BE(d, body, out ulong bits)) duration = BitConverter.Int64BitsToDouble((long)bits);
                else if (id == DurationId && size == 4 && ByteReader.U32BE(d, body, out uint bits32)) duration = BitConverter.ToSingle(BitConverter.GetBytes(bits32), 0);
                at = body + (long)size;
            }
            if (duration is null || scale == 0) return null;
            double seconds = duration.Value * scale / 1e9;
            if (double.IsNaN(seconds) || seconds <= 0 || seconds > 1e9) return null;
            return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        }

        // An element: its id (1-4 bytes, marker kept) and its size (1-8 bytes, marker removed; all ones = unknown).
        private static bool Element(byte[] d, long at, out uint id, out ulong size, out long body)
        {
            id = 0;
            size = 0;
            body = 0;
            if (!ByteReader.Has(d, at, 1)) return false;
            int idLength = Length(d[at]);
            if (idLength == 0 || idLength > 4 || !ByteReader.Has(d, at, idLength + 1)) return false;
            for (int i = 0; i < idLength; i++) id = id << 8 | d[at + i];
            long s = at + idLength;
            int sizeLength = Length(d[s]);
            if (sizeLength == 0 || !ByteReader.Has(d, s, sizeLength)) return false;
            size = (ulong)(d[s] & (0xFF >> sizeLength));
            bool allOnes = size == (ulong)(0xFF >> sizeLength);
            for (int i = 1; i < sizeLength; i++)
            {
                size = size << 8 | d[s + i];
                allOnes &= d[s + i] == 0xFF;
            }
            if (allOnes) size = UnknownSize;
            body = s + sizeLength;
            return true;
        }

        private static int Length(byte first)
        {
            for (int i = 0; i < 8; i++)
            {
                if ((first & (0x80 >> i)) != 0) return i + 1;
            }
            return 0;
        }
    }
}
