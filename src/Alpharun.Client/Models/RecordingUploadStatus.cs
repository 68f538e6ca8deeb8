namespace Alpharun
{
    /// <summary>What the API did with an uploaded recording.</summary>
    public enum RecordingUploadStatus
    {
        /// <summary>HTTP 201: a new recording was created and its assessment started.</summary>
        Created,

        /// <summary>HTTP 200: the API already had this recording; nothing new was created.</summary>
        AlreadyExisted,

        /// <summary>
        /// Not sent: the journal of an earlier run shows the API accepted this file with these fields, or the file was
        /// listed earlier in the same batch with the same fields (one upload, the same recording id).
        /// </summary>
        Skipped,

        /// <summary>Not sent: the recording is still being written (a call in progress); a later run sends it.</summary>
        InProgress,
    }
}
