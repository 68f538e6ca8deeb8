using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// A field given as an argument (-Teammate, -Contact, -TimeZone, -RecordedAt, -PlaybookId) is the same for every
    /// file, so one that breaks a rule ends the command with one terminating error before any file is read
    /// (CheckSharedFields): its id and category are the rule's, its target the value given, and its ErrorDetails say
    /// "-X is the same for every file, so nothing was read or sent". The same value bound from a piped row fails that
    /// row's file only. Pester's "refuses ... with one terminating ... error" says the same at user level; these run
    /// where the mutation tool sees them.
    /// </summary>
    public sealed class SharedFieldRefusalTests : IClassFixture<SharedSession>, IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Refused = " is the same for every file, so nothing was read or sent: ";
        private const string NoOffset = "has no offset, so the moment it names depends on the time zone it was written in. "
            + "Pass -TimeZone with that zone (an IANA id such as America/New_York, a Windows id such as Eastern Standard Time, or Local), "
            + "give the rows a TimeZone column, or write it with its offset, e.g. 2024-01-15T14:30:00-05:00.";
        private const string WhatToPass = "Pass an IANA id such as America/New_York, a Windows id such as Eastern Standard Time, or Local for this computer's zone.";

        private readonly SandboxedSession _sandbox;

        public SharedFieldRefusalTests(SharedSession shared)
        {
            _sandbox = new SandboxedSession(shared);
        }

        public void Dispose() => _sandbox.Dispose();

        /// <summary>Two real files and a missing one: a per-file check would send two and report a FileNotFound.</summary>
        private object?[] Files() => new object?[]
        {
            _sandbox.Files.Create("x1.wav", 4096, seed: 1),
            _sandbox.Files.Create("x2.wav", 4096, seed: 2),
            System.IO.Path.Combine(_sandbox.Files.Folder, "missing.wav"),
        };

        /// <summary>
        /// Pipes the files to the command; a terminating error is thrown on out of the script (so it lands in
        /// <see cref="PwshResult.Terminating"/>), while per-file errors stay in <see cref="PwshResult.Errors"/>.
        /// </summary>
        private PwshResult Send(string arguments) =>
            _sandbox.Run("try { $args | Send-AlpharunRecording " + arguments + " -ThrottleLimit 1 } catch { throw }", Files());

        private ErrorRecord AssertRefused(PwshResult result, string id, ErrorCategory category, string field, string message, string parameter)
        {
            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.NotNull(result.Terminating);
            ErrorRecord error = result.Terminating!.ErrorRecord;
            Assert.Equal(id + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
            Assert.Equal(message, error.Exception.Message);
            Assert.Equal(parameter + Refused + message, error.ErrorDetails?.Message);
            var validation = Assert.IsType<AlpharunValidationException>(error.Exception);
            ValidationFailure failure = Assert.Single(validation.Failures);
            Assert.Equal(id, failure.Kind.ToString());
            Assert.Equal(field, failure.Field);
            Assert.Equal(0, _sandbox.UploadRequestCount);
            Assert.Empty(_sandbox.Received());
            return error;
        }

        private static object? Bare(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        [Theory]
        [InlineData("'ana@acme'", "ana@acme", "InvalidTeammate", "The teammate_email 'ana@acme' of 'every file' is not a valid email address. Pass the email the teammate signs in to Alpharun with.")]
        [InlineData("''", "", "MissingTeammate", "No teammate_email was given for 'every file': it is blank. Pass -Teammate, or fill in the teammate_email cell, with the email of the teammate who took the call.")]
        public void ATeammateArgumentThatBreaksTheRuleEndsTheCommandBeforeAnyFileIsRead(string teammate, string target, string id, string message)
        {
            PwshResult result = Send($"-Teammate {teammate} -Contact bob@client.com -RecordedAt 2024-01-15T14:30:00Z");

            ErrorRecord error = AssertRefused(result, id, ErrorCategory.InvalidArgument, "teammate_email", message, "-Teammate");
            Assert.Equal(target, Bare(error.TargetObject));
        }

        [Fact]
        public void AContactArgumentThatIsNeitherEmailNorPhoneEndsTheCommandWithInvalidContact()
        {
            PwshResult result = Send("-Teammate ana@acme.com -Contact 'not a contact' -RecordedAt 2024-01-15T14:30:00Z");

            ErrorRecord error = AssertRefused(result, "InvalidContact", ErrorCategory.InvalidArgument, "contacts",
                "The contact 'not a contact' is neither an email address nor a phone number. For an ext id, use New-AlpharunContact -ExtId 'not a contact'.", "-Contact");
            object?[] target = Assert.IsType<object[]>(error.TargetObject);
            Assert.Equal(new object?[] { "not a contact" }, target.Select(Bare));
        }

        [Fact]
        public void AContactArgumentWithACustomFieldOfAnUnsupportedTypeEndsTheCommandWithInvalidCustomField()
        {
            PwshResult result = Send("-Teammate ana@acme.com -Contact @{ Email = 'bob@client.com'; CustomField = @{ since = [datetime]'2024-01-01' } } -RecordedAt 2024-01-15T14:30:00Z");

            ErrorRecord error = AssertRefused(result, "InvalidCustomField", ErrorCategory.InvalidArgument, "contacts",
                "Custom field 'since' has a value of type System.DateTime. Custom field values must be a string, a number, a boolean or null.", "-Contact");
            object?[] target = Assert.IsType<object[]>(error.TargetObject);
            var contact = Assert.IsAssignableFrom<IDictionary>(Bare(Assert.Single(target)));
            Assert.Equal("bob@client.com", Bare(contact["Email"]));
        }

        [Fact]
        public void AContactArgumentThatBreaksAContactRuleEndsTheCommandWithThatRule()
        {
            PwshResult result = Send("-Teammate ana@acme.com -Contact bob@client.com, BOB@client.com -RecordedAt 2024-01-15T14:30:00Z");

            Assert.Empty(result.Errors);
            Assert.NotNull(result.Terminating);
            ErrorRecord error = result.Terminating!.ErrorRecord;
            Assert.Equal("DuplicateContact" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(new object?[] { "bob@client.com", "BOB@client.com" }, Assert.IsType<object[]>(error.TargetObject).Select(Bare));
            Assert.Equal("-Contact" + Refused + error.Exception.Message, error.ErrorDetails?.Message);
            Assert.Contains("contacts[1].email", Assert.IsType<AlpharunValidationException>(error.Exception).Failures.Select(f => f.Field));
            Assert.Empty(result.Output);
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }

        [Theory]
        [InlineData("Mars/Olympus", "no time zone has that id. ")]
        [InlineData("", "it is empty. ")]
        public void ATimeZoneArgumentThatCannotBeFoundEndsTheCommandBeforeAnyFileIsRead(string zone, string problem)
        {
            PwshResult result = Send($"-Teammate ana@acme.com -Contact bob@client.com -TimeZone '{zone}' -RecordedAt 2024-01-15T14:30:00Z");

            ErrorRecord error = AssertRefused(result, "InvalidTimeZone", ErrorCategory.InvalidArgument, "TimeZone",
                $"The TimeZone '{zone}' given for 'every file' cannot be used: {problem}{WhatToPass}", "-TimeZone");
            Assert.Equal(zone, Bare(error.TargetObject));
        }

        [Fact]
        public void ARecordedAtArgumentWithoutAnOffsetAndWithoutATimeZoneArgumentEndsTheCommand()
        {
            PwshResult result = Send("-Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15 14:30'");

            ErrorRecord error = AssertRefused(result, "InvalidRecordedAt", ErrorCategory.InvalidArgument, "recorded_at",
                "The recorded_at '2024-01-15 14:30' of 'every file' " + NoOffset, "-RecordedAt");
            Assert.Equal("2024-01-15 14:30", Bare(error.TargetObject));
        }

        [Fact]
        public void ARecordedAtArgumentBeforeTheEarliestDateEndsTheCommand()
        {
            PwshResult result = Send("-Teammate ana@acme.com -Contact bob@client.com -RecordedAt '1989-12-31T00:00:00Z'");

            ErrorRecord error = AssertRefused(result, "InvalidRecordedAt", ErrorCategory.InvalidArgument, "recorded_at",
                "The recorded_at 1989-12-31T00:00:00+00:00 of 'every file' is before 1990-01-01. Pass the date the call was recorded with -RecordedAt.", "-RecordedAt");
            Assert.Equal("1989-12-31T00:00:00Z", Bare(error.TargetObject));
        }

        [Fact]
        public void ARecordedAtArgumentTheZoneSkipsEndsTheCommand()
        {
            PwshResult result = Send("-Teammate ana@acme.com -Contact bob@client.com -TimeZone America/New_York -RecordedAt '2024-03-10 02:30'");

            Assert.Empty(result.Errors);
            ErrorRecord error = Assert.IsAssignableFrom<RuntimeException>(result.Terminating).ErrorRecord;
            Assert.Equal("InvalidRecordedAt" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal("2024-03-10 02:30", Bare(error.TargetObject));
            Assert.StartsWith("The recorded_at '2024-03-10 02:30' of 'every file' cannot be used: ", error.Exception.Message);
            Assert.Equal("-RecordedAt" + Refused + error.Exception.Message, error.ErrorDetails?.Message);
            Assert.Empty(result.Output);
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }

        [Theory]
        [InlineData("([guid]::Empty)")]
        [InlineData("'00000000-0000-0000-0000-000000000000'")]
        public void AnEmptyPlaybookIdArgumentEndsTheCommandBeforeAnyFileIsRead(string playbook)
        {
            PwshResult result = Send($"-Teammate ana@acme.com -Contact bob@client.com -RecordedAt 2024-01-15T14:30:00Z -PlaybookId {playbook}");

            ErrorRecord error = AssertRefused(result, "InvalidPlaybookId", ErrorCategory.InvalidArgument, "playbook_id",
                "The playbook_id of 'every file' is the empty uuid. Pass the id of a playbook, or leave -PlaybookId out to use routing rules.", "-PlaybookId");
            Assert.Equal(Guid.Empty, Bare(error.TargetObject));
        }

        [Fact]
        public void UsableFieldsGivenAsArgumentsAreSentWithEveryFile()
        {
            string[] files = { _sandbox.Files.Create("x1.wav", 4096, seed: 1), _sandbox.Files.Create("x2.wav", 4096, seed: 2) };

            PwshResult result = _sandbox.Run(
                "$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -TimeZone America/New_York -RecordedAt '2024-07-15 09:15' " +
                "-PlaybookId 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b -ThrottleLimit 1",
                files.Cast<object?>().ToArray()).ThrowIfFailed();

            Assert.Equal(files, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.All(result.Output, o =>
            {
                Assert.Equal("2024-07-15T09:15:00-04:00", o.Properties["RecordedAt"].Value?.ToString());
                Assert.Equal("3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b", o.Properties["PlaybookId"].Value?.ToString());
            });
            Assert.Equal(2, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void ABlankRecordedAtArgumentIsNotGivenAndEveryFileIsSentWithItsOwnDate()
        {
            string file = _sandbox.Files.Create("x1.wav", 4096, seed: 1);

            PwshResult result = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt ''", file).ThrowIfFailed();

            Assert.Equal("LastWriteTime", Assert.Single(result.Output).Properties["RecordedAtSource"].Value?.ToString());
            Assert.Equal(1, _sandbox.UploadRequestCount);
        }

        [Theory]
        [InlineData("Teammate", "'ana@acme.com'", "'ana@acme'", "-Contact bob@client.com -RecordedAt 2024-01-15T14:30:00Z", "InvalidTeammate", "The teammate_email 'ana@acme' of '{0}' is not a valid email address. Pass the email the teammate signs in to Alpharun with.")]
        [InlineData("RecordedAt", "'2024-01-15T14:30:00Z'", "'2024-01-15 14:30'", "-Teammate ana@acme.com -Contact bob@client.com", "InvalidRecordedAt", "The recorded_at '2024-01-15 14:30' of '{0}' " + NoOffset)]
        [InlineData("RecordedAt", "'2024-01-15T14:30:00Z'", "'1989-12-31T00:00:00Z'", "-Teammate ana@acme.com -Contact bob@client.com", "InvalidRecordedAt", "The recorded_at 1989-12-31T00:00:00+00:00 of '{0}' is before 1990-01-01. Pass the date the call was recorded with -RecordedAt.")]
        [InlineData("PlaybookId", "''", "'00000000-0000-0000-0000-000000000000'", "-Teammate ana@acme.com -Contact bob@client.com -RecordedAt 2024-01-15T14:30:00Z", "InvalidPlaybookId", "The playbook_id of '{0}' is the empty uuid. Pass the id of a playbook, or leave -PlaybookId out to use routing rules.")]
        public void TheSameBadValueInAPipedRowFailsOnlyThatRowsFileAndTheOtherRowsAreSent(string column, string good, string bad, string arguments, string id, string message)
        {
            string[] files = { _sandbox.Files.Create("r1.wav", 4096, seed: 1), _sandbox.Files.Create("r2.wav", 4096, seed: 2), _sandbox.Files.Create("r3.wav", 4096, seed: 3) };

            PwshResult result = _sandbox.Run(
                $"@([pscustomobject]@{{ Path = $args[0]; {column} = {good} }}, [pscustomobject]@{{ Path = $args[1]; {column} = {bad} }}, [pscustomobject]@{{ Path = $args[2]; {column} = {good} }}) | " +
                $"Send-AlpharunRecording {arguments} -ThrottleLimit 1",
                files[0], files[1], files[2]);

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { files[0], files[2] }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal(id + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(files[1], Bare(error.TargetObject));
            Assert.Equal(string.Format(message, files[1]), error.Exception.Message);
            Assert.Null(error.ErrorDetails);
            Assert.Equal(new[] { "r1.wav", "r3.wav" }, _sandbox.ReceivedFileNames());
        }
    }
}
