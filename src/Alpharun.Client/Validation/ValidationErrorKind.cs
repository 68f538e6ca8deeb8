namespace Alpharun
{
    /// <summary>Which rule a request broke. The names are stable: the cmdlets use them as error ids.</summary>
    public enum ValidationErrorKind
    {
        /// <summary>The audio file does not exist.</summary>
        FileNotFound,
        /// <summary>The path names a directory, not a file.</summary>
        PathIsDirectory,
        /// <summary>The audio file has no bytes.</summary>
        EmptyFile,
        /// <summary>The audio file cannot be opened for reading.</summary>
        FileUnreadable,
        /// <summary>The file changed (grew, shrank or vanished) while it was being sent: it is probably still being written.</summary>
        FileChanged,
        /// <summary>The file's bytes are clearly not audio (a document, archive, image, web page or text), or a broken audio container.</summary>
        NotAudio,
        /// <summary>The file name cannot be sent safely (control characters).</summary>
        InvalidFileName,
        /// <summary>teammate_email is missing or not an email address.</summary>
        InvalidTeammate,
        /// <summary>No contact was given.</summary>
        MissingContact,
        /// <summary>A contact breaks a rule (no identifier, bad email or phone number).</summary>
        InvalidContact,
        /// <summary>A custom field has an unsupported value or key.</summary>
        InvalidCustomField,
        /// <summary>Two contacts share an email, phone number or ext id.</summary>
        DuplicateContact,
        /// <summary>playbook_id is not a uuid.</summary>
        InvalidPlaybookId,
        /// <summary>recorded_at cannot be read, has no offset and no zone, names a time its zone skipped or had twice, or is out of range.</summary>
        InvalidRecordedAt,
        /// <summary>teammate_email is blank (a blank CSV cell, an empty -Teammate).</summary>
        MissingTeammate,
        /// <summary>The time zone given for local times is not one any computer knows.</summary>
        InvalidTimeZone,
        /// <summary>The path leads to something that is not a regular file: a device or a kernel file (under /dev, /proc or /sys).</summary>
        NotARegularFile,
    }
}
