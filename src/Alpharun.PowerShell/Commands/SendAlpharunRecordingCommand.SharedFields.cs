using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>A mistake every file shares is one error, before anything is read or sent.</summary>
    public sealed partial class SendAlpharunRecordingCommand
    {
        private const string EveryFile = "every file";

        /// <summary>
        /// Checks the fields given as arguments (not bound from the pipeline), which every file of the call is sent
        /// with: one that breaks a rule would fail every file the same way, so it ends the command with one terminating
        /// error naming the parameter, before a file is read. Fields bound from the pipeline (a CSV row) stay per file.
        /// Arguments are bound before BeginProcessing; pipeline values only later, so BoundParameters holds just them here.
        /// </summary>
        private void CheckSharedFields()
        {
            var given = MyInvocation.BoundParameters;
            _pathsAreArguments = given.ContainsKey(nameof(Path)) || given.ContainsKey(nameof(LiteralPath));
            if (given.ContainsKey(nameof(Teammate)))
            {
                var failures = new List<ValidationFailure>();
                RecordingUploadValidator.ValidateTeammate(Teammate, EveryFile, failures);
                RefuseShared(nameof(Teammate), Teammate, failures);
            }
            if (given.ContainsKey(nameof(Contact)))
            {
                IReadOnlyList<ValidationFailure> failures;
                try
                {
                    failures = ContactValidator.Validate(_contactCache.Convert(Contact ?? Array.Empty<object?>()), EveryFile);
                }
                catch (FormatException e)
                {
                    failures = new[] { new ValidationFailure(ValidationErrorKind.InvalidContact, "contacts", e.Message) };
                }
                catch (ArgumentException e)
                {
                    // CustomField refuses a value of an unsupported type with an ArgumentException.
                    failures = new[] { new ValidationFailure(ValidationErrorKind.InvalidCustomField, "contacts", e.Message) };
                }
                RefuseShared(nameof(Contact), Contact, failures);
            }
            RecordingTimeZone? zone = null;
            if (given.ContainsKey(nameof(TimeZone)) && !RecordingTimeZone.TryFind(TimeZone, out zone, out string problem))
            {
                RefuseShared(nameof(TimeZone), TimeZone, new[]
                {
                    new ValidationFailure(ValidationErrorKind.InvalidTimeZone, "TimeZone", $"The TimeZone '{TimeZone}' given for '{EveryFile}' cannot be used: {problem}"),
                });
            }
            if (given.ContainsKey(nameof(RecordedAt)) && RecordedAt != null)
            {
                // A value without an offset needs -TimeZone as an argument too: a zone bound from each row would place the
                // same local time at a different instant for each file, which no batch means.
                var failures = new List<ValidationFailure>();
                DateTimeOffset? instant = RecordedAt.Resolve(zone, EveryFile, out ValidationFailure? unusable);
                if (unusable != null) failures.Add(unusable);
                else RecordingUploadValidator.ValidateRecordedAt(instant!.Value, EveryFile, failures);
                RefuseShared(nameof(RecordedAt), RecordedAt.Given, failures);
            }
            if (given.ContainsKey(nameof(PlaybookId)) && PlaybookId.HasValue)
            {
                IReadOnlyList<ValidationFailure> failures = RecordingUploadValidator.ValidatePlaybookId(PlaybookId, EveryFile);
                RefuseShared(nameof(PlaybookId), PlaybookId, failures);
            }
        }

        private void RefuseShared(string parameter, object? value, IReadOnlyList<ValidationFailure> failures)
        {
            if (failures.Count == 0) return;
            var exception = new AlpharunValidationException(failures);
            ErrorRecord error = AlpharunErrors.FromValidation(exception, value);
            error.ErrorDetails = new ErrorDetails($"-{parameter} is the same for every file, so nothing was read or sent: {exception.Message}");
            Terminate(error);
        }
    }
}
