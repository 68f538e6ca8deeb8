using System;

namespace Alpharun
{
    /// <summary>The failure for a file whose bytes are not audio, worded the same for the client, the cmdlets and the sandbox.</summary>
    public static class AudioContentRule
    {
        /// <summary>A <see cref="ValidationErrorKind.NotAudio"/> failure: <paramref name="looksLike"/> says what the bytes look like.</summary>
        public static ValidationFailure NotAudio(string subject, string looksLike) =>
            new ValidationFailure(ValidationErrorKind.NotAudio, "audio",
                $"The file '{subject}' is not audio: it looks like {looksLike}. Pass the recording itself (WAV, MP3, MP4/M4A, Ogg, FLAC or WebM); if it was exported cut short, export it again.");

        /// <summary>
        /// The <see cref="ValidationErrorKind.NotAudio"/> failure for what the content check found in <paramref name="audio"/>:
        /// bytes that are not audio at all, or an audio container broken beyond use, whose message names the tools a
        /// person can check the file with (ffprobe for every format, sox for those it reads).
        /// </summary>
        public static ValidationFailure NotAudio(string subject, AudioInfo audio)
        {
            if (audio is null) throw new ArgumentNullException(nameof(audio));
            if (audio.NotAudio is null) throw new ArgumentException("The content check found audio.", nameof(audio));
            if (audio.Container == AudioContainer.Unrecognised) return NotAudio(subject, audio.NotAudio);
            bool soxReadsIt = audio.Container == AudioContainer.Wav || audio.Container == AudioContainer.Flac || audio.Container == AudioContainer.Ogg;
            string check = soxReadsIt
                ? $"ffprobe -v error -i \"{subject}\" or sox --info \"{subject}\", which say what is wrong"
                : $"ffprobe -v error -i \"{subject}\", which says what is wrong";
            return new ValidationFailure(ValidationErrorKind.NotAudio, "audio",
                $"The file '{subject}' is not usable audio: it looks like {audio.NotAudio}. Check it with {check}; if it was exported cut short, export it again.");
        }
    }
}
