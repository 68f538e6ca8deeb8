namespace Alpharun
{
    /// <summary>Native FLAC: STREAMINFO (sample rate and total samples: an exact length) and the Vorbis comment date.</summary>
    internal static class FlacReader
    {
        private const int MaxBlocks = 128;

        public static bool Matches(byte[] head, long offset) => ByteReader.Matches(head, offset, "fLaC");

        public static AudioInfo Read(AudioSource source, long start)
        {
            long at = start + 4;
            uint sampleRate = 0;
            ulong totalSamples = 0;
            bool streamInfo = false;
            MetadataDate? date = null;
            for (int i = 0; i < MaxBlocks; i++)
            {
                byte[] header = source.ReadAt(at, 4);
                if (header.Length < 4) return AudioInfo.NotAudioFile("a FLAC file cut short in its header", AudioContainer.Flac);
                bool last = (header[0] & 0x80) != 0;
                int type = header[0] & 0x7F;
                long length = header[1] << 16 | header[2] << 8 | header[3];
                if (at + 4 + length > source.Length) return AudioInfo.NotAudioFile("a FLAC file cut short: a metadata block is longer than the file", AudioContainer.Flac);
                if (i == 0 && (type != 0 || length < 34)) return AudioInfo.NotAudioFile("a damaged FLAC file: it does not start with STREAMINFO", AudioContainer.Flac);
                if (type == 0)
                {
                    byte[] s = source.ReadAt(at + 4, 34);
                    if (s.Length < 34) return AudioInfo.NotAudioFile("a FLAC file cut short in its header", AudioContainer.Flac);
                    sampleRate = (uint)(s[10] << 12 | s[11] << 4 | s[12] >> 4);
                    totalSamples = (ulong)(s[13] & 0x0F) << 32 | (ulong)s[14] << 24 | (ulong)s[15] << 16 | (ulong)s[16] << 8 | s[17];
                    streamInfo = true;
                }
                else if (type == 4)
                {
                    date = VorbisComments.ReadDate(source.ReadAt(at + 4, (int)System.Math.Min(length, 65536)), 0);
                }
                at += 4 + length;
                if (last) break;
            }
            if (!streamInfo || sampleRate == 0) return AudioInfo.NotAudioFile("a damaged FLAC file: its STREAMINFO has no sample rate", AudioContainer.Flac);
            if (at >= source.Length) return AudioInfo.NotAudioFile("a FLAC file with no audio after its header", AudioContainer.Flac);
            return AudioInfo.Recognised(AudioContainer.Flac, "audio/flac", totalSamples == 0 ? null : SampleTime.Of(totalSamples, sampleRate), date, "FLAC");
        }
    }
}
