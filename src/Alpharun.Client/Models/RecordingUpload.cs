using System;
using System.Collections.Generic;

namespace Alpharun
{
    /// <summary>The outcome of one accepted upload.</summary>
    public sealed class RecordingUpload
    {
        internal RecordingUpload(RecordingUploadRequest request, long length, RecordingUploadStatus status, Guid recordingId, int httpStatus, TimeSpan elapsed, int attempts)
        {
            Attempts = attempts;
            RecordingId = recordingId;
            Status = status;
            Path = request.FilePath;
            FileName = request.FileName;
            Length = length;
            Teammate = request.Teammate;
            RecordedAt = request.RecordedAt;
            Contacts = request.Contacts;
            PlaybookId = request.PlaybookId;
            HttpStatus = httpStatus;
            Elapsed = elapsed;
            RecordedAtSource = request.RecordedAtSource;
            AudioDuration = request.Audio.Duration;
            MediaType = request.MediaType;
            AcceptedAt = status == RecordingUploadStatus.Created || status == RecordingUploadStatus.AlreadyExisted ? DateTimeOffset.Now : (DateTimeOffset?)null;
        }

        private RecordingUpload(string path, RecordingFields fields, JournalEntry entry, DateTimeOffset recordedAt, RecordedAtSource source, TimeSpan? audioDuration, string mediaType)
        {
            RecordingId = entry.RecordingId;
            Status = RecordingUploadStatus.Skipped;
            AcceptedAt = entry.AcceptedAt;
            Path = path;
            FileName = RecordingPath.FileName(path);
            Length = entry.Length;
            Teammate = fields.Teammate.Trim();
            RecordedAt = recordedAt;
            Contacts = fields.Contacts;
            PlaybookId = fields.PlaybookId;
            RecordedAtSource = source;
            AudioDuration = audioDuration;
            MediaType = mediaType;
        }

        /// <summary>
        /// The outcome of a file the journal shows as accepted before: nothing was sent. recorded_at, its source, the
        /// media type and the audio's length are those the entry recorded as sent; an entry of a version 2 journal,
        /// which has none of them, shows the request's.
        /// </summary>
        public static RecordingUpload Skipped(RecordingUploadRequest request, JournalEntry entry)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            if (entry is null) throw new ArgumentNullException(nameof(entry));
            if (entry.RecordedAt is null) return new RecordingUpload(request, entry.Length, RecordingUploadStatus.Skipped, entry.RecordingId, 0, TimeSpan.Zero, 0) { AcceptedAt = entry.AcceptedAt };
            var fields = new RecordingFields(request.Teammate, request.Contacts, request.RecordedAt, request.PlaybookId);
            return new RecordingUpload(request.FilePath, fields, entry, entry.RecordedAt.Value, entry.RecordedAtSource ?? RecordedAtSource.Parameter,
                entry.AudioDuration, entry.MediaType ?? request.MediaType);
        }

        /// <summary>
        /// The outcome of the file at <paramref name="path"/>, sent with <paramref name="fields"/>, that the journal's
        /// quick check found: nothing was read or sent, and everything shown comes from <paramref name="entry"/> and the
        /// fields. Needs an entry that recorded what was sent (not one of a version 2 journal).
        /// </summary>
        public static RecordingUpload Skipped(string path, RecordingFields fields, JournalEntry entry)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (fields is null) throw new ArgumentNullException(nameof(fields));
            if (entry is null) throw new ArgumentNullException(nameof(entry));
            if (entry.RecordedAt is null) throw new ArgumentException("The entry does not record what was sent (a version 2 journal).", nameof(entry));
            return new RecordingUpload(path, fields, entry, entry.RecordedAt.Value, entry.RecordedAtSource ?? RecordedAtSource.Parameter,
                entry.AudioDuration, entry.MediaType ?? AudioMediaTypes.ForFile(RecordingPath.FileName(path)));
        }

        /// <summary>
        /// The outcome of a file listed again in the batch that sent it with the same fields: the same recording as
        /// <paramref name="first"/>, and nothing sent a second time.
        /// </summary>
        public static RecordingUpload RepeatOf(RecordingUploadRequest request, RecordingUpload first)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            if (first is null) throw new ArgumentNullException(nameof(first));
            return new RecordingUpload(request, first.Length, RecordingUploadStatus.Skipped, first.RecordingId, 0, TimeSpan.Zero, 0) { AcceptedAt = first.AcceptedAt };
        }

        /// <summary>
        /// The outcome of a file still being written (<see cref="RecordingReadiness"/>): nothing was sent, and
        /// <paramref name="length"/> is the bytes it held when it was checked.
        /// </summary>
        public static RecordingUpload InProgress(RecordingUploadRequest request, long length)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            return new RecordingUpload(request, length, RecordingUploadStatus.InProgress, Guid.Empty, 0, TimeSpan.Zero, 0);
        }

        /// <summary>The recording's id at Alpharun; <see cref="Guid.Empty"/> for a file still being written (nothing was sent).</summary>
        public Guid RecordingId { get; }

        /// <summary>
        /// When the API's answer accepting it arrived: in this run, or in the run the journal remembers for a skipped
        /// file (a scheduled job logs from it what a run that was killed accepted); null when nothing was accepted.
        /// </summary>
        public DateTimeOffset? AcceptedAt { get; private set; }

        /// <summary>Created (201), AlreadyExisted (200), Skipped (journal, or listed again in the batch) or InProgress (still being written, not sent).</summary>
        public RecordingUploadStatus Status { get; }

        /// <summary>Full path of the uploaded file.</summary>
        public string Path { get; }

        /// <summary>File name as sent.</summary>
        public string FileName { get; }

        /// <summary>Bytes sent for the audio part (of a file still being written: the bytes it held when checked).</summary>
        public long Length { get; }

        /// <summary>Teammate email sent.</summary>
        public string Teammate { get; }

        /// <summary>recorded_at as sent.</summary>
        public DateTimeOffset RecordedAt { get; }

        /// <summary>Contacts sent.</summary>
        public IReadOnlyList<Contact> Contacts { get; }

        /// <summary>Playbook id sent, or null when routing rules chose.</summary>
        public Guid? PlaybookId { get; }

        /// <summary>The HTTP status the API answered (201 or 200); 0 when skipped.</summary>
        public int HttpStatus { get; }

        /// <summary>How many times it was sent: 1, more after retries, 0 when skipped.</summary>
        public int Attempts { get; }

        /// <summary>Time from the first byte sent to the answer read (the upload, not the call: see <see cref="AudioDuration"/>).</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>Where <see cref="RecordedAt"/> came from.</summary>
        public RecordedAtSource RecordedAtSource { get; }

        /// <summary>The length of the recording from its header, or null where the header does not tell it.</summary>
        public TimeSpan? AudioDuration { get; }

        /// <summary>The Content-Type sent for the audio: the content's media type when recognised, else the extension's.</summary>
        public string MediaType { get; }

        /// <inheritdoc />
        public override string ToString() => $"{FileName}: {Status} {RecordingId}";
    }
}
