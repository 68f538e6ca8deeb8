using System;

namespace Alpharun
{
    /// <summary>
    /// RIFF/WAVE, RF64 and BW64: fmt, data (ds64 for sizes over 4 GiB), fact, bext and LIST/INFO/ICRD. A recorder
    /// writes the sizes last: placeholder sizes (0 or 0xFFFFFFFF) or a header promising more than the file holds mark
    /// the file unfinished (<see cref="AudioInfo.Unfinished"/>), and its length is that of the audio it holds.
    /// </summary>
    internal static class WavReader
    {
        private const int MaxChunks = 64;
        private const uint PlaceholderSize = 0xFFFFFFFF;
        private const string Placeholders = "its WAV header still holds placeholder sizes";

        public static bool Matches(byte[] head) =>
            (ByteReader.Matches(head, 0, "RIFF") || ByteReader.Matches(head, 0, "RF64") || ByteReader.Matches(head, 0, "BW64"))
            && ByteReader.Matches(head, 8, "WAVE");

        public static AudioInfo Read(AudioSource source)
        {
            bool rf64 = !ByteReader.Matches(source.Head, 0, "RIFF");
            // RF64 and BW64 carry 0xFFFFFFFF here by design (ds64 holds the sizes).
            string? unfinished = rf64 ? null : RiffSizeEvidence(source);
            ulong? ds64Data = null;
            ulong? ds64Samples = null;
            uint formatTag = 0, sampleRate = 0, byteRate = 0, blockAlign = 0;
            bool haveFormat = false;
            ulong? factSamples = null;
            ulong? dataSize = null;
            MetadataDate? bext = null, icrd = null;

            long offset = 12;
            for (int i = 0; i < MaxChunks && offset + 8 <= source.Length; i++)
            {
                byte[] header = source.ReadAt(offset, 8);
                if (header.Length < 8) break;
                string id = ByteReader.Latin1(header, 0, 4);
                ByteReader.U32LE(header, 4, out uint size32);
                ulong size = size32;
                long body = offset + 8;
                long available = source.Length - body;

                if (id == "data")
                {
                    if (rf64 && size32 == PlaceholderSize && ds64Data.HasValue && ds64Data.Value > 0) size = ds64Data.Value;
                    else if (size32 == PlaceholderSize || size32 == 0)
                    {
                        // Written while recording (or streamed): the audio is the rest of the file.
                        size = (ulong)available;
                        unfinished ??= Placeholders;
                    }
                    if (size > (ulong)available)
                    {
                        // Cut short, or a recorder that sets the sizes ahead: the audio is what the file holds.
                        unfinished ??= $"its WAV header promises {size} bytes of audio but the file holds {available}";
                        size = (ulong)available;
                    }
                    dataSize = size;
                }
                else if (size > (ulong)available)
                {
                    return Refused($"a damaged WAV: its '{Printable(id)}' chunk is longer than the file", unfinished);
                }
                else if (id == "ds64")
                {
                    byte[] d = source.ReadAt(body, 28);
                    if (ByteReader.U64LE(d, 8, out ulong data)) ds64Data = data;
                    if (ByteReader.U64LE(d, 16, out ulong samples)) ds64Samples = samples;
                }
                else if (id == "fmt ")
                {
                    byte[] f = source.ReadAt(body, (int)Math.Min(size, 40));
                    if (f.Length < 16) return Refused("a damaged WAV: its format chunk is too short", unfinished);
                    ByteReader.U16LE(f, 0, out formatTag);
                    ByteReader.U32LE(f, 4, out sampleRate);
                    ByteReader.U32LE(f, 8, out byteRate);
                    ByteReader.U16LE(f, 12, out blockAlign);
                    if (formatTag == 0xFFFE && ByteReader.U16LE(f, 24, out uint subFormat)) formatTag = subFormat;
                    haveFormat = true;
                }
                else if (id == "fact")
                {
                    byte[] f = source.ReadAt(body, 4);
                    if (ByteReader.U32LE(f, 0, out uint samples)) factSamples = samples;
                }
                else if (id == "bext")
                {
                    byte[] b = source.ReadAt(body + 320, 18);
                    string date = ByteReader.Latin1(b, 0, 10);
                    string time = ByteReader.Latin1(b, 10, 8);
                    bext = MetadataDate.Parse(Normalise(date, '-') + (time.Length == 8 ? " " + Normalise(time, ':') : string.Empty), "bext");
                }
                else if (id == "LIST")
                {
                    icrd ??= ReadInfoCreationDate(source, body, (long)size);
                }
                if (id == "data" && haveFormat && (bext != null || source.Length - body - (long)size < 8)) break;
                offset = body + (long)size + (long)(size & 1);
            }

            if (!haveFormat) return Refused("a damaged WAV: it has no format chunk", unfinished);
            if (dataSize is null) return Refused("a WAV with no audio: it has no data chunk", unfinished);
            if (dataSize.Value == 0) return Refused("a WAV with no audio: its data chunk is empty", unfinished);

            bool pcm = formatTag == 1 || formatTag == 3;
            TimeSpan? duration = null;
            // An unfinished file's sample counts (ds64, fact) are placeholders too: its length comes from its bytes.
            bool counted = unfinished is null;
            if (pcm && blockAlign > 0) duration = SampleTime.Of(dataSize.Value / blockAlign, sampleRate);
            else if (counted && ds64Samples.HasValue && ds64Samples.Value > 0) duration = SampleTime.Of(ds64Samples.Value, sampleRate);
            else if (counted && factSamples.HasValue && factSamples.Value > 0) duration = SampleTime.Of(factSamples.Value, sampleRate);
            else if (byteRate > 0) duration = SampleTime.Of(dataSize.Value, byteRate);
            string codec = formatTag switch { 1 => "PCM", 3 => "PCM float", 6 => "A-law", 7 => "mu-law", 0x11 => "IMA ADPCM", 0x55 => "MP3", _ => $"format 0x{formatTag:X4}" };
            AudioInfo info = AudioInfo.Recognised(AudioContainer.Wav, "audio/wav", duration, bext ?? icrd, codec);
            return unfinished is null ? info : info.WithUnfinished(unfinished);
        }

        // Not usable audio; when the file also looks unfinished (a recorder that has written only its header so far),
        // that is kept, so it can wait for the rest instead of failing.
        private static AudioInfo Refused(string looksLike, string? unfinished)
        {
            AudioInfo refused = AudioInfo.NotAudioFile(looksLike, AudioContainer.Wav);
            return unfinished is null ? refused : refused.WithUnfinished(unfinished);
        }

        // The RIFF size (bytes after its first 8) is written last, like the data size. One byte more than the file
        // holds is a final pad byte left out, not an unfinished file.
        private static string? RiffSizeEvidence(AudioSource source)
        {
            ByteReader.U32LE(source.Head, 4, out uint riffSize);
            if (riffSize == 0 || riffSize == PlaceholderSize) return Placeholders;
            long holds = source.Length - 8;
            return riffSize > holds + 1 ? $"its RIFF header promises {riffSize} bytes but the file holds {holds}" : null;
        }

        // LIST/INFO holds sub-chunks; ICRD is the creation date.
        private static MetadataDate? ReadInfoCreationDate(AudioSource source, long body, long size)
        {
            byte[] list = source.ReadAt(body, (int)Math.Min(size, 4096));
            if (!ByteReader.Matches(list, 0, "INFO")) return null;
            long at = 4;
            for (int i = 0; i < 64 && ByteReader.Has(list, at, 8); i++)
            {
                ByteReader.U32LE(list, at + 4, out uint length);
                if (ByteReader.Matches(list, at, "ICRD")) return ByteReader.Has(list, at + 8, length) ? MetadataDate.Parse(ByteReader.Latin1(list, at + 8, (int)length), "ICRD") : null;
                at += 8 + (long)length + (length & 1);
            }
            return null;
        }

        // EBU Tech 3285 allows any separator in the bext date and time.
        private static string Normalise(string value, char separator)
        {
            char[] chars = value.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (!char.IsDigit(chars[i])) chars[i] = separator;
            }
            return new string(chars);
        }

        private static string Printable(string id)
        {
            foreach (char c in id)
            {
                if (c < 0x20 || c > 0x7E) return "?";
            }
            return id;
        }
    }
}
