namespace Alpharun
{
    /// <summary>The Vorbis comment block (Ogg Vorbis, Opus and FLAC): the recording date from DATE or CREATION_TIME.</summary>
    internal static class VorbisComments
    {
        private const int MaxComments = 256;

        /// <summary>Reads the comments at <paramref name="offset"/> (the vendor length); null when there is no usable date.</summary>
        public static MetadataDate? ReadDate(byte[] data, long offset)
        {
            if (!ByteReader.U32LE(data, offset, out uint vendor)) return null;
            long at = offset + 4 + vendor;
            if (!ByteReader.U32LE(data, at, out uint count)) return null;
            at += 4;
            MetadataDate? date = null;
            for (uint i = 0; i < count && i < MaxComments; i++)
            {
                if (!ByteReader.U32LE(data, at, out uint length) || !ByteReader.Has(data, at + 4, length)) return date;
                if (length < 256)
                {
                    string comment = ByteReader.Utf8(data, at + 4, length);
                    int equals = comment.IndexOf('=');
                    if (equals > 0)
                    {
                        string key = comment.Substring(0, equals).ToUpperInvariant();
                        string value = comment.Substring(equals + 1);
                        if (key == "CREATION_TIME") date = MetadataDate.Parse(value, key) ?? date;
                        else if (key == "DATE" && date is null) date = MetadataDate.Parse(value, key);
                    }
                }
                at += 4 + length;
            }
            return date;
        }
    }
}
