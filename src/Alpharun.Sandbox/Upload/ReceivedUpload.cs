using System;
using System.Collections.Generic;

namespace Alpharun.Sandbox
{
    /// <summary>An upload that passed every check, before the store gives it an id.</summary>
    internal sealed class ReceivedUpload
    {
        public ReceivedUpload(AudioFile audio, string teammate, string recordedAt, DateTimeOffset recordedAtParsed, Guid? playbookId, IReadOnlyList<Contact> contacts, string contactsJson)
        {
            FileName = audio.FileName ?? string.Empty;
            AudioContentType = audio.ContentType;
            Size = audio.Size;
            Sha256 = audio.Sha256;
            AudioDuration = audio.Content.Duration;
            Teammate = teammate;
            RecordedAt = recordedAt;
            RecordedAtParsed = recordedAtParsed;
            PlaybookId = playbookId;
            Contacts = contacts;
            ContactsJson = contactsJson;
        }

        public string FileName { get; }
        public string AudioContentType { get; }

        /// <summary>The audio's length from its header, or null where the header does not tell it.</summary>
        public TimeSpan? AudioDuration { get; }
        public long Size { get; }
        public string Sha256 { get; }
        public string Teammate { get; }
        public string RecordedAt { get; }
        public DateTimeOffset RecordedAtParsed { get; }
        public Guid? PlaybookId { get; }
        public IReadOnlyList<Contact> Contacts { get; }
        public string ContactsJson { get; }
    }
}
