namespace Alpharun
{
    /// <summary>
    /// What the journal knows of one planned upload: the file's size and last write time when it was planned and the
    /// fields the caller gave (the quick key), the content fields once the request is built, and the digest of the
    /// bytes the upload sends, which <see cref="RecordingMultipartContent"/> computes as they stream.
    /// <see cref="UploadJournal.Record(UploadPlan, RecordingUpload)"/> turns it into the journal's line.
    /// </summary>
    public sealed class UploadFingerprint
    {
        internal UploadFingerprint(string path, FileStamp? stamp, Hash128? callerFields)
        {
            Path = path;
            Stamp = stamp;
            CallerFields = callerFields;
            if (stamp.HasValue && callerFields.HasValue) Quick = JournalKeys.Quick(path, stamp.Value, callerFields.Value);
        }

        /// <summary>The file's full path.</summary>
        public string Path { get; }

        internal FileStamp? Stamp { get; }

        internal Hash128? CallerFields { get; }

        /// <summary>The quick key as the file was when planned; null when it could not be seen.</summary>
        internal Hash128? Quick { get; }

        /// <summary>Set once the request (and so its recorded_at) is known.</summary>
        internal Hash128? ContentFields { get; set; }

        /// <summary>Fed by the request's body as it is sent.</summary>
        internal SentAudioDigest Digest { get; } = new SentAudioDigest();
    }
}
