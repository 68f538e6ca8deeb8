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
        private readonly RecordedAtValue? _recordedAtGiven;
        private readonly string? _timeZoneProblem;

        /// <summary>Creates the fields; nothing is checked here (<see cref="RecordingUploadValidator"/> does that).</summary>
        public RecordingFields(string teammate, IEnumerable<Contact> contacts, DateTimeOffset? recordedAt = null, Guid? playbookId = null)
            : this(teammate, contacts, recordedAt.HasValue ? RecordedAtValue.FromInstant(recordedAt.Value) : null, null, playbookId)
        {
        }

        /// <summary>
        /// Creates the fields with recorded_at as given (text without an offset included) and the zone to read a local
        /// time in: an IANA id, a Windows id or "Local"; blank counts as not given. The zone is looked up here; a zone
        /// or a recorded_at that cannot be used is reported by <see cref="ValidateGiven"/>, not thrown.
        /// </summary>
        public RecordingFields(string teammate, IEnumerable<Contact> contacts, RecordedAtValue? recordedAt, string? timeZone, Guid? playbookId)
        {
            Teammate = teammate ?? string.Empty;
            Contacts = (contacts ?? throw new ArgumentNullException(nameof(contacts))).ToArray();
            PlaybookId = playbookId;
            _recordedAtGiven = recordedAt;
            TimeZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone!.Trim();
            RecordingTimeZone? zone = null;
            if (TimeZone != null && !RecordingTimeZone.TryFind(TimeZone, out zone, out string problem)) _timeZoneProblem = problem;
            Zone = zone;
            // The subject only changes the wording: whether the value can be placed does not depend on the file.
            RecordedAt = recordedAt?.Resolve(zone, string.Empty, out _);
        }

        /// <summary>Email of the teammate who took the call.</summary>
        public string Teammate { get; }

        /// <summary>The contacts on the call.</summary>
        public IReadOnlyList<Contact> Contacts { get; }

        /// <summary>
        /// recorded_at as an instant: given with its offset, or a local time placed in <see cref="Zone"/>. Null lets the
        /// planner choose it from the file — unless <see cref="ValidateGiven"/> reports why the value given cannot be used.
        /// </summary>
        public DateTimeOffset? RecordedAt { get; }

        /// <summary>The time zone id given for local times (trimmed); null when none was.</summary>
        public string? TimeZone { get; }

        /// <summary>The zone <see cref="TimeZone"/> names; null when none was given or it is unknown.</summary>
        public RecordingTimeZone? Zone { get; }

        /// <summary>
        /// What is wrong with the fields as given, before any file is read: an unknown time zone, or a recorded_at that
        /// cannot be read, has no offset and no zone, or names a time the zone skipped or had twice. Each message names
        /// <paramref name="subject"/> (the file). Empty when nothing is.
        /// </summary>
        public IReadOnlyList<ValidationFailure> ValidateGiven(string subject)
        {
            var failures = new List<ValidationFailure>();
            if (_timeZoneProblem != null)
            {
                failures.Add(new ValidationFailure(ValidationErrorKind.InvalidTimeZone, "TimeZone",
                    $"The TimeZone '{TimeZone}' given for '{subject}' cannot be used: {_timeZoneProblem}"));
            }
            else if (_recordedAtGiven != null && !RecordedAt.HasValue)
            {
                _recordedAtGiven.Resolve(Zone, subject, out ValidationFailure? failure);
                if (failure != null) failures.Add(failure);
            }
            return failures;
        }

        /// <summary>The playbook to assess with; null lets the API's routing rules choose.</summary>
        public Guid? PlaybookId { get; }
    }
}
