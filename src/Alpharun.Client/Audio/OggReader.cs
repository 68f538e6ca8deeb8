using System;

namespace Alpharun
{
    /// <summary>
    /// Ogg: the first page names the codec (Vorbis, Opus, FLAC); the length is the last page's granule position
    /// (read from the tail) over the codec's rate; the date comes from the comment packet. A stream whose last page
    /// lacks the end-of-stream flag, or is cut short, is unfinished (<see cref="AudioInfo.Unfinished"/>).
    /// </summary>
    internal static class OggReader
    {
        private const byte EndOfStream = 0x04;

        public static bool Matches(byte[] head) => ByteReader.Matches(head, 0, "OggS");

        public static AudioInfo Read(AudioSource source)
        {
            byte[] head = source.Head;
            if (!Page(head, 0, out uint serial, out _, out long firstPacket, out long firstLength))
            {
                return AudioInfo.NotAudioFile("a damaged Ogg file: its first page is cut short or broken", AudioContainer.Ogg);
            }
            string codec;
            ulong rate;
            ulong preSkip = 0;
            if (ByteReader.Matches(head, firstPacket, "\u0001vorbis") && ByteReader.U32LE(head, firstPacket + 12, out uint vorbisRate))
            {
                codec = "Vorbis";
                rate = vorbisRate;
            }
            else if (ByteReader.Matches(head, firstPacket, "OpusHead") && ByteReader.U16LE(head, firstPacket + 10, out uint skip))
            {
                codec = "Opus";
                rate = 48000; // Opus granule positions always count 48 kHz samples.
                preSkip = skip;
            }
            else if (ByteReader.Matches(head, firstPacket, "\u007FFLAC") && firstLength >= 13 + 4 + 34)
            {
                codec = "FLAC";
                long info = firstPacket + 13 + 4;
                rate = ByteReader.Has(head, info, 18) ? (uint)(head[info + 10] << 12 | head[info + 11] << 4 | head[info + 12] >> 4) : 0u;
            }
            else
            {
                return AudioInfo.Recognised(AudioContainer.Ogg, "audio/ogg", null, null);
            }

            MetadataDate? date = ReadCommentDate(head, firstPacket + firstLength, codec);
            TimeSpan? duration = null;
            LastPage last = FindLastPage(source, serial);
            if (last.Granule.HasValue && last.Granule.Value > preSkip) duration = SampleTime.Of(last.Granule.Value - preSkip, rate);
            AudioInfo ogg = AudioInfo.Recognised(AudioContainer.Ogg, "audio/ogg", duration, date, codec);
            return last.Unfinished is null ? ogg : ogg.WithUnfinished(last.Unfinished);
        }

        // The second packet (comments) usually starts the second page.
        private static MetadataDate? ReadCommentDate(byte[] head, long afterFirst, string codec)
        {
            if (!Page(head, afterFirst, out _, out _, out long packet, out long length)) return null;
            byte[] body = new byte[(int)Math.Min(length, head.Length - packet)];
            Buffer.BlockCopy(head, (int)packet, body, 0, body.Length);
            if (codec == "Vorbis" && ByteReader.Matches(body, 0, "\u0003vorbis")) return VorbisComments.ReadDate(body, 7);
            if (codec == "Opus" && ByteReader.Matches(body, 0, "OpusTags")) return VorbisComments.ReadDate(body, 8);
            if (codec == "FLAC" && body.Length > 4 && (body[0] & 0x7F) == 4) return VorbisComments.ReadDate(body, 4);
            return null;
        }

        // The granule position of the last page of the stream that has one, read backwards from the tail; and whether
        // the stream's last page is there whole with its end-of-stream flag (a writer sets it on the page it writes last).
        private static LastPage FindLastPage(AudioSource source, uint serial)
        {
            long start = Math.Max(0, source.Length - AudioSource.TailSize);
            byte[] tail = source.ReadAt(start, (int)(source.Length - start));
            string? unfinished = null;
            bool seenLast = false;
            for (long at = tail.Length - 27; at >= 0; at--)
            {
                if (tail[at] != (byte)'O' || !ByteReader.Matches(tail, at, "OggS")) continue;
                if (!Page(tail, at, out uint pageSerial, out ulong granule, out _, out _) || pageSerial != serial) continue;
                if (!seenLast)
                {
                    seenLast = true;
                    if (at + PageLength(tail, at) > tail.Length) unfinished = "its last Ogg page is cut short";
                    else if ((tail[at + 5] & EndOfStream) == 0) unfinished = "its Ogg stream has no last page yet (no end-of-stream flag)";
                }
                if (granule != ulong.MaxValue) return new LastPage(granule, unfinished);
            }
            return new LastPage(null, unfinished);
        }

        // Header, segment table and body of the page at <paramref name="at"/> (whose segment table is in the data).
        private static long PageLength(byte[] data, long at)
        {
            int segments = data[at + 26];
            long length = 27 + segments;
            for (int i = 0; i < segments; i++) length += data[at + 27 + i];
            return length;
        }

        private readonly struct LastPage
        {
            public LastPage(ulong? granule, string? unfinished)
            {
                Granule = granule;
                Unfinished = unfinished;
            }

            public ulong? Granule { get; }

            public string? Unfinished { get; }
        }

        // One page header: version 0, the segment table inside the data; the first packet's start and length.
        private static bool Page(byte[] data, long at, out uint serial, out ulong granule, out long packet, out long packetLength)
        {
            serial = 0;
            granule = 0;
            packet = 0;
            packetLength = 0;
            if (!ByteReader.Matches(data, at, "OggS") || !ByteReader.Has(data, at, 27) || data[at + 4] != 0) return false;
            ByteReader.U64LE(data, at + 6, out granule);
            ByteReader.U32LE(data, at + 14, out serial);
            int segments = data[at + 26];
            if (!ByteReader.Has(data, at + 27, segments)) return false;
            packet = at + 27 + segments;
            for (int i = 0; i < segments; i++)
            {
                packetLength += data[at + 27 + i];
                if (data[at + 27 + i] < 255) break;
            }
            return true;
        }
    }
}
