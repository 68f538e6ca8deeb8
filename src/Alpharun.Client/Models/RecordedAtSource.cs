namespace Alpharun
{
    /// <summary>Where recorded_at came from.</summary>
    public enum RecordedAtSource
    {
        /// <summary>Given by the caller (-RecordedAt, or the request's constructor).</summary>
        Parameter,
        /// <summary>Read from the recording's own metadata (bext, INFO/ICRD, ID3v2 TDRC, mvhd, Vorbis/FLAC DATE).</summary>
        Metadata,
        /// <summary>The file's last write time, for want of anything better.</summary>
        LastWriteTime,
    }
}
