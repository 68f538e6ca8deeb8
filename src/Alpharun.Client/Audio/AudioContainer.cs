namespace Alpharun
{
    /// <summary>The audio container recognised from a file's bytes.</summary>
    public enum AudioContainer
    {
        /// <summary>Not recognised: either not audio, or a format the check does not know.</summary>
        Unrecognised,
        /// <summary>RIFF/WAVE, RF64 or BW64.</summary>
        Wav,
        /// <summary>MPEG audio (MP3), with or without an ID3v2 tag.</summary>
        Mp3,
        /// <summary>ISO base media (MP4, M4A, QuickTime).</summary>
        Mp4,
        /// <summary>Ogg (Vorbis, Opus or another codec).</summary>
        Ogg,
        /// <summary>Native FLAC.</summary>
        Flac,
        /// <summary>WebM or Matroska.</summary>
        WebM,
        /// <summary>AIFF or AIFF-C (Apple's IFF audio).</summary>
        Aiff,
        /// <summary>Sun/NeXT audio (.au, .snd).</summary>
        Au,
        /// <summary>AMR or AMR-WB in its file format (RFC 4867).</summary>
        Amr,
        /// <summary>ASF, the container of Windows Media Audio (WMA).</summary>
        Asf,
        /// <summary>Apple's Core Audio Format.</summary>
        Caf,
        /// <summary>Sony Wave64.</summary>
        Wave64,
    }
}
