using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Alpharun
{
    /// <summary>Everything one upload sends: the audio file and the form fields.</summary>
    public sealed class RecordingUploadRequest
    {
        /// <summary>Creates a request. Nothing is checked here: <see cref="RecordingUploadValidator"/> does that.</summary>
        public RecordingUploadRequest(
            string filePath,
            string teammate,
            DateTimeOffset recordedAt,
            IEnumerable<Contact> contacts,
            Guid? playbookId = null)
        {
            FilePath = filePath ?? throw new ArgumentNullException(nameof(filePath));
            Teammate = (teammate ?? string.Empty).Trim();
            RecordedAt = recordedAt;
            Contacts = (contacts ?? throw new ArgumentNullException(nameof(contacts))).ToArray();
            PlaybookId = playbookId;
            _audio = new Lazy<AudioInfo>(() => AudioProbe.Probe(FilePath));
        }

        private Lazy<AudioInfo> _audio;

        /// <summary>Full path of the audio file.</summary>
        public string FilePath { get; }

        /// <summary>The file name sent in the audio part.</summary>
        public string FileName => RecordingPath.FileName(FilePath);

        /// <summary>Email of the teammate who took the call (teammate_email).</summary>
        public string Teammate { get; }

        /// <summary>When the call was recorded (recorded_at); always sent with its offset.</summary>
        public DateTimeOffset RecordedAt { get; }

        /// <summary>The contacts on the call.</summary>
        public IReadOnlyList<Contact> Contacts { get; }

        /// <summary>The playbook to assess with; null lets the API's routing rules choose.</summary>
        public Guid? PlaybookId { get; }

        /// <summary>Where <see cref="RecordedAt"/> came from; <see cref="Alpharun.RecordedAtSource.Parameter"/> unless set.</summary>
        public RecordedAtSource RecordedAtSource { get; init; }

        /// <summary>
        /// What the content check found in the file (<see cref="AudioProbe"/>): checked once, on first use, unless a
        /// result is handed in (the cmdlet checks before it chooses recorded_at).
        /// </summary>
        public AudioInfo Audio
        {
            get => _audio.Value;
            init => _audio = new Lazy<AudioInfo>(() => value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>
        /// When set (a batch with a journal), the body hashes the audio bytes it sends into it, so the journal records
        /// the bytes that went out (<see cref="UploadJournal"/>).
        /// </summary>
        internal SentAudioDigest? SentDigest { get; init; }

        /// <summary>The Content-Type of the audio part: the content's media type when recognised, else the extension's.</summary>
        public string MediaType => Audio.MediaType ?? AudioMediaTypes.ForFile(FileName);
    }
}
