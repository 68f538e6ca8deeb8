namespace Alpharun
{
    /// <summary>The failure for a file whose bytes are not audio, worded the same for the client, the cmdlets and the sandbox.</summary>
    public static class AudioContentRule
    {
        /// <summary>A <see cref="ValidationErrorKind.NotAudio"/> failure: <paramref name="looksLike"/> says what the bytes look like.</summary>
        public static ValidationFailure NotAudio(string subject, string looksLike) =>
            new ValidationFailure(ValidationErrorKind.NotAudio, "audio",
                $"The file '{subject}' is not audio: it looks like {looksLike}. Pass the recording itself (WAV, MP3, MP4/M4A, Ogg, FLAC or WebM); if it was exported cut short, export it again.");
    }
}
