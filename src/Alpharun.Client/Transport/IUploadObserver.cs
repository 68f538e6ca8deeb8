namespace Alpharun
{
    /// <summary>
    /// Hears about an upload while it runs. Called on I/O threads: an implementation hands the news to whoever shows
    /// it (the cmdlets queue it for the pipeline thread) and returns at once.
    /// </summary>
    public interface IUploadObserver
    {
        /// <summary>
        /// An attempt has sent <paramref name="sent"/> of <paramref name="total"/> audio bytes; a retry starts again from 0.
        /// Called at most about every <see cref="AlpharunClient.ReportInterval"/> while the body flows, and always for the
        /// first chunk and with <paramref name="sent"/> equal to <paramref name="total"/> once all the audio is sent.
        /// </summary>
        void BytesSent(RecordingUploadRequest request, long sent, long total);

        /// <summary>An attempt failed transiently; another follows after the delay.</summary>
        void Retrying(UploadRetry retry);
    }
}
