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

        /// <summary>The outcome of a file the journal shows as accepted before: nothing was sent.</summary>
        public static RecordingUpload Skipped(RecordingUploadRequest request, JournalEntry entry)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            if (entry is null) throw new ArgumentNullException(nameof(entry));
            return new RecordingUpload(request, entry.Length, RecordingUploadStatus.Skipped, entry.RecordingId, 0, TimeSpan.Zero, 0) { AcceptedAt = entry.AcceptedAt };
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

        /// <summary>The recording's id at Alpharun.</summary>
        public Guid RecordingId { get; }

        /// <summary>
        /// When the API's answer accepting it arrived: in this run, or in the run the journal remembers for a skipped
        /// file (a scheduled job logs from it what a run that was killed accepted); null when nothing was accepted.
        /// </summary>
        public DateTimeOffset? AcceptedAt { get; private set; }

        /// <summary>Created (201) or AlreadyExisted (200).</summary>
        public RecordingUploadStatus Status { get; }

        /// <summary>Full path of the uploaded file.</summary>
        public string Path { get; }

        /// <summary>File name as sent.</summary>
        public string FileName { get; }

        /// <summary>Bytes sent for the audio part.</summary>
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
