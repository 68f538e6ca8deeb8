using System;
using System.IO;

namespace Alpharun
{
    /// <summary>The verbose line that says what the content check found and which media type is sent.</summary>
    public static class AudioNote
    {
        /// <summary>One sentence about <paramref name="request"/>'s audio.</summary>
        public static string For(RecordingUploadRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            AudioInfo audio = request.Audio;
            string byName = AudioMediaTypes.ForFile(request.FileName);
            if (!audio.IsRecognised)
            {
                return $"'{request.FilePath}': its content is not a format the module recognises (WAV, MP3, MP4/M4A, Ogg, FLAC, WebM, AIFF, AU, AMR, WMA, CAF, W64); sent as {byName}, from its extension.";
            }
            string length = audio.Duration.HasValue ? FormattableString.Invariant($", {audio.Duration.Value.TotalSeconds:0.###} s long") : ", length unknown";
            string name = NameOf(audio.Container);
            string codec = audio.Codec is null || audio.Codec == name ? string.Empty : $" ({audio.Codec})";
            string disagree = byName == audio.MediaType ? string.Empty
                : $" Its extension '{RecordingPath.Extension(request.FileName)}' says {byName}: sent as {audio.MediaType}, the type of its content.";
            return FormattableString.Invariant($"'{request.FilePath}': {name}{codec} audio{length}.{disagree}");
        }

        private static string NameOf(AudioContainer container) => container switch
        {
            AudioContainer.Wav => "WAV",
            AudioContainer.Mp3 => "MP3",
            AudioContainer.Mp4 => "MP4",
            AudioContainer.Flac => "FLAC",
            AudioContainer.Aiff => "AIFF",
            AudioContainer.Au => "Sun AU",
            AudioContainer.Amr => "AMR",
            AudioContainer.Asf => "ASF",
            AudioContainer.Caf => "CAF",
            _ => container.ToString(),
        };
    }
}
