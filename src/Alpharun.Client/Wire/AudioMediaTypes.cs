using System;
using System.Collections.Generic;
using System.IO;

namespace Alpharun
{
    /// <summary>The Content-Type of the audio part, from the file's extension.</summary>
    public static class AudioMediaTypes
    {
        /// <summary>Sent for an extension the table does not know.</summary>
        public const string Fallback = "application/octet-stream";

        private static readonly Dictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".wav"] = "audio/wav",
            [".mp3"] = "audio/mpeg",
            [".m4a"] = "audio/mp4",
            [".mp4"] = "audio/mp4",
            [".ogg"] = "audio/ogg",
            [".oga"] = "audio/ogg",
            [".opus"] = "audio/opus",
            [".webm"] = "audio/webm",
            [".flac"] = "audio/flac",
            [".aac"] = "audio/aac",
            [".aif"] = "audio/aiff",
            [".aiff"] = "audio/aiff",
            [".aifc"] = "audio/aiff",
            [".au"] = "audio/basic",
            [".snd"] = "audio/basic",
            [".amr"] = "audio/amr",
            [".awb"] = "audio/amr-wb",
            [".wma"] = "audio/x-ms-wma",
            [".caf"] = "audio/x-caf",
            [".w64"] = "audio/x-w64",
            // Raw GSM 06.10 frames carry no signature: the extension is all there is to go by.
            [".gsm"] = "audio/gsm",
        };

        /// <summary>The extensions with a known audio type, e.g. ".wav".</summary>
        public static IEnumerable<string> KnownExtensions => ByExtension.Keys;

        /// <summary>The media type for <paramref name="fileName"/>, or <see cref="Fallback"/>.</summary>
        public static string ForFile(string fileName) =>
            ByExtension.TryGetValue(RecordingPath.Extension(fileName), out string? type) ? type : Fallback;
    }
}
