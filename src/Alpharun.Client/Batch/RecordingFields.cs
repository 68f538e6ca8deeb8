using System;
using System.Collections.Generic;
using System.Linq;

namespace Alpharun
{
    /// <summary>
    /// The form fields of a file's upload as the caller gives them: from parameters (every file of a batch) or from a
    /// CSV row. recorded_at is optional here: <see cref="UploadPlanner"/> chooses one for the file when it is not given.
    /// </summary>
    public sealed class RecordingFields
    {
        /// <summary>Creates the fields; nothing is checked here (<see cref="RecordingUploadValidator"/> does that).</summary>
        public RecordingFields(string teammate, IEnumerable<Contact> contacts, DateTimeOffset? recordedAt = null, Guid? playbookId = null)
        {
            Teammate = teammate ?? string.Empty;
            Contacts = (contacts ?? throw new ArgumentNullException(nameof(contacts))).ToArray();
            RecordedAt = recordedAt;
            PlaybookId = playbookId;
        }

        /// <summary>Email of the teammate who took the call.</summary>
        public string Teammate { get; }

        /// <summary>The contacts on the call.</summary>
        public IReadOnlyList<Contact> Contacts { get; }

        /// <summary>recorded_at as given; null lets the planner choose it from the file.</summary>
        public DateTimeOffset? RecordedAt { get; }

        /// <summary>The playbook to assess with; null lets the API's routing rules choose.</summary>
        public Guid? PlaybookId { get; }
    }
}
