namespace Alpharun
{
    /// <summary>What <see cref="RecordingReadiness"/> decided about one file, and the sentence that says why.</summary>
    public sealed class ReadinessVerdict
    {
        internal ReadinessVerdict(ReadinessState state, RecordingFileState file, string? sentence)
        {
            State = state;
            File = file;
            Sentence = sentence;
        }

        /// <summary>The decision.</summary>
        public ReadinessState State { get; }

        /// <summary>The file as it was at the end of the check.</summary>
        public RecordingFileState File { get; }

        /// <summary>
        /// Why, for a person: the verbose note of an <see cref="ReadinessState.InProgress"/> file, the warning of a
        /// <see cref="ReadinessState.WriterStopped"/> one; null when <see cref="ReadinessState.Ready"/>.
        /// </summary>
        public string? Sentence { get; }

        /// <inheritdoc />
        public override string ToString() => Sentence ?? State.ToString();
    }
}
