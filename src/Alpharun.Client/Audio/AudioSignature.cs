namespace Alpharun
{
    /// <summary>
    /// Audio containers recognised by their signature alone, so they are sent with their own media type rather than as
    /// application/octet-stream: AIFF and AIFF-C, Sun AU, AMR and AMR-WB, ASF (Windows Media Audio), CAF and Sony
    /// Wave64. Their length is not read (AudioDurationSeconds stays empty). Raw GSM has no signature: it is typed by its
    /// extension (<see cref="AudioMediaTypes"/>).
    /// </summary>
    internal static class AudioSignature
    {
        // ASF's header object GUID 75B22630-668E-11CF-A6D9-00AA0062CE6C, as stored.
        private static readonly byte[] AsfHeader = { 0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C };

        // Wave64's "riff" GUID 66666972-912E-11CF-A5D6-28DB04C10000, and at byte 24 its "wave" GUID 65766177-ACF3-11D3-8CD1-00C04F8EDB8A.
        private static readonly byte[] Wave64Riff = { 0x72, 0x69, 0x66, 0x66, 0x2E, 0x91, 0xCF, 0x11, 0xA5, 0xD6, 0x28, 0xDB, 0x04, 0xC1, 0x00, 0x00 };
        private static readonly byte[] Wave64Wave = { 0x77, 0x61, 0x76, 0x65, 0xF3, 0xAC, 0xD3, 0x11, 0x8C, 0xD1, 0x00, 0xC0, 0x4F, 0x8E, 0xDB, 0x8A };

        /// <summary>The container <paramref name="head"/> starts with, or null when it is none of these.</summary>
        public static AudioInfo? Recognise(byte[] head)
        {
            // IFF: "FORM", a size, then the form type; other forms (8SVX, ILBM images) are not these.
            if (ByteReader.Matches(head, 0, "FORM") && ByteReader.Matches(head, 8, "AIFF")) return AudioInfo.Recognised(AudioContainer.Aiff, "audio/aiff", null, null);
            if (ByteReader.Matches(head, 0, "FORM") && ByteReader.Matches(head, 8, "AIFC")) return AudioInfo.Recognised(AudioContainer.Aiff, "audio/aiff", null, null, "AIFF-C");
            if (ByteReader.Matches(head, 0, ".snd")) return AudioInfo.Recognised(AudioContainer.Au, "audio/basic", null, null);
            if (ByteReader.Matches(head, 0, "#!AMR-WB\n")) return AudioInfo.Recognised(AudioContainer.Amr, "audio/amr-wb", null, null, "AMR-WB");
            if (ByteReader.Matches(head, 0, "#!AMR\n")) return AudioInfo.Recognised(AudioContainer.Amr, "audio/amr", null, null);
            if (StartsWith(head, 0, AsfHeader)) return AudioInfo.Recognised(AudioContainer.Asf, "audio/x-ms-wma", null, null, "WMA");
            // CAF: "caff" and file version 1.
            if (ByteReader.Matches(head, 0, "caff") && head.Length >= 6 && head[4] == 0 && head[5] == 1) return AudioInfo.Recognised(AudioContainer.Caf, "audio/x-caf", null, null);
            if (StartsWith(head, 0, Wave64Riff) && StartsWith(head, 24, Wave64Wave)) return AudioInfo.Recognised(AudioContainer.Wave64, "audio/x-w64", null, null);
            return null;
        }

        private static bool StartsWith(byte[] data, int at, byte[] magic)
        {
            if (data.Length < at + magic.Length) return false;
            for (int i = 0; i < magic.Length; i++)
            {
                if (data[at + i] != magic[i]) return false;
            }
            return true;
        }
    }
}
