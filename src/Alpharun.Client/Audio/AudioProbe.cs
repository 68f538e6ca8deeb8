using System;
using System.IO;

namespace Alpharun
{
    /// <summary>
    /// The content check: recognises the audio container from a file's bytes (WAV/RF64/BW64, MP3, MP4/M4A, Ogg,
    /// FLAC, WebM; AIFF, AU, AMR, WMA, CAF and W64 by their signature), reads its length and recording date, and says when the bytes are clearly not audio. It reads
    /// the first 4 KiB (64 KiB for MP3, Ogg and WebM, whose readers search their head) and, where the format needs
    /// it, a bounded number of header-sized reads further on (the tail of an Ogg file, the chunk headers of a WAV,
    /// the box headers of an MP4): never the whole file, and no header makes it loop.
    /// </summary>
    public static class AudioProbe
    {
        /// <summary>
        /// Checks the file at <paramref name="path"/> (through a link, the file it leads to). A file that is missing,
        /// empty, not a regular file (a pipe, a device) or cannot be opened gives <see cref="AudioInfo.Unrecognised"/>:
        /// the validator reports that on its own terms. <see cref="RecordingFile.OpenRead"/> never opens a pipe, which
        /// would wait for a writer.
        /// </summary>
        public static AudioInfo Probe(string path)
        {
            try
            {
                using FileStream stream = RecordingFile.OpenRead(path, 4096, FileOptions.RandomAccess);
                return Probe(stream);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return AudioInfo.Unrecognised;
            }
        }

        /// <summary>Checks the bytes of a seekable <paramref name="stream"/> from its start.</summary>
        public static AudioInfo Probe(Stream stream)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            if (!stream.CanSeek) throw new ArgumentException("The stream must be seekable.", nameof(stream));
            if (stream.Length == 0) return AudioInfo.Unrecognised;
            return Check(new AudioSource(stream));
        }

        /// <summary>
        /// Checks a file of which only the first and last bytes are at hand (an upload streamed past, as the sandbox
        /// receives it): <paramref name="head"/> from its start, <paramref name="tail"/> up to its end.
        /// </summary>
        public static AudioInfo Probe(byte[] head, byte[] tail, long length)
        {
            if (head is null) throw new ArgumentNullException(nameof(head));
            if (tail is null) throw new ArgumentNullException(nameof(tail));
            if (length == 0) return AudioInfo.Unrecognised;
            return Check(new AudioSource(head, tail, length));
        }

        // A refusal that rests on bytes the check could not read would blame the file for the check's own bound.
        private static AudioInfo Check(AudioSource source)
        {
            AudioInfo info = Recognise(source);
            return info.NotAudio != null && source.Incomplete ? AudioInfo.Unrecognised : info;
        }

        private static AudioSource Extended(AudioSource source)
        {
            source.ExtendHead();
            return source;
        }

        private static AudioInfo Recognise(AudioSource source)
        {
            byte[] head = source.Head;
            if (WavReader.Matches(head)) return WavReader.Read(source);
            if (FlacReader.Matches(head, 0)) return FlacReader.Read(source, 0);
            if (OggReader.Matches(head)) return OggReader.Read(Extended(source));
            if (WebmReader.Matches(head)) return WebmReader.Read(Extended(source));
            AudioInfo? other = AudioSignature.Recognise(head);
            if (other != null) return other;
            string? notAudio = NonAudioSignature.LooksLike(head);
            if (notAudio != null) return AudioInfo.NotAudioFile(notAudio);
            if (Mp4Reader.Matches(head)) return Mp4Reader.Read(source);
            if (Id3v2Tag.Matches(head))
            {
                head = Extended(source).Head;
                long tag = Id3v2Tag.Length(head);
                if (tag < 0) return AudioInfo.NotAudioFile("a damaged MP3 file: its ID3 tag header is broken", AudioContainer.Mp3);
                if (tag >= source.Length) return AudioInfo.NotAudioFile("an MP3 file with no audio: its ID3 tag is as long as the file or longer", AudioContainer.Mp3);
                if (FlacReader.Matches(source.ReadAt(tag, 4), 0)) return FlacReader.Read(source, tag);
                MetadataDate? date = Id3v2Tag.ReadDate(head, tag);
                if (tag + 4 > head.Length && head.Length < source.Length)
                {
                    // A tag longer than the head (large cover art): the frames after it are beyond what was read. (A
                    // file that ends within 4 bytes of its tag holds no frame: it is left to the frame search below.)
                    return AudioInfo.Recognised(AudioContainer.Mp3, "audio/mpeg", null, date, "MP3");
                }
                // An ID3 tag may also precede ADTS AAC, which is not recognised: sent as named.
                return Mp3Reader.Read(source, tag, date) ?? AudioInfo.Unrecognised;
            }
            if (Mp3Reader.FramesAt(head, 0)) return Mp3Reader.Read(Extended(source), 0, null)!;
            return AudioInfo.Unrecognised;
        }
    }
}
