namespace Alpharun
{
    /// <summary>Whether a recording is finished being written, as <see cref="RecordingReadiness"/> judges it.</summary>
    public enum ReadinessState
    {
        /// <summary>Nothing shows it is still being written: send it.</summary>
        Ready,

        /// <summary>It is still being written (a call in progress): do not send it now; a later run sends it.</summary>
        InProgress,

        /// <summary>Never finished, but not written to for longer than a recording in progress goes quiet: its writer stopped. Send what is there, with a warning.</summary>
        WriterStopped,
    }
}
