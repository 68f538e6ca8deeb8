using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>
    /// One bad input per case, each in the middle of a batch: the bad row is piped between two good ones as an
    /// object whose properties bind by name (as a CSV row does). It must end as exactly one clear error, nothing of
    /// it may reach the sandbox (its upload-request count is that of the good rows), and both good rows upload.
    /// </summary>
    public sealed class BadInputCorpusTests : IClassFixture<SharedSession>, IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        // PowerShell's own binding errors carry the same suffix; named apart so each case says whose error it expects.
        private const string Binding = ",Alpharun.Commands.SendAlpharunRecordingCommand";
        private readonly SandboxedSession _sandbox;

        public BadInputCorpusTests(SharedSession shared)
        {
            _sandbox = new SandboxedSession(shared);
        }

        public void Dispose() => _sandbox.Dispose();

        /// <summary>A bad row: what it overrides on a good row (a PowerShell hashtable), the error id and a phrase of its message.</summary>
        private sealed record Case(string Overrides, string ErrorId, string Says, Func<Recordings, string>? BadFile = null, bool UnixOnly = false);

        private static string Ps(string text) => "'" + text.Replace("'", "''") + "'";

        private static readonly string[] AlmostEmails =
        {
            "ana@acme",
            "ana@@acme.com",
            ".ana@acme.com",
            "ana.@acme.com",
            "ana..lopez@acme.com",
            "ana@acme..com",
            "ana@-acme.com",
            "ana@acme-.com",
            "ana lopez@acme.com",
            "Ana Lopez <ana@acme.com>",
            "mailto:ana@acme.com",
            "ana@acme.com.",
            "\"ana\"@acme.com",
            new string('a', 65) + "@acme.com",
            "ana@acme.123",
        };

        private static readonly Dictionary<string, Case> Cases = BuildCases();

        private static Dictionary<string, Case> BuildCases()
        {
            var cases = new Dictionary<string, Case>(StringComparer.Ordinal)
            {
                // Files.
                ["file: missing"] = new Case("@{}", "FileNotFound" + Cmdlet, "does not exist", f => Path.Combine(f.Folder, "missing.wav")),
                ["file: empty"] = new Case("@{}", "EmptyFile" + Cmdlet, "is empty (0 bytes)", f => f.Create("empty.wav", 0)),
                ["file: a directory"] = new Case("@{}", "PathIsDirectory" + Cmdlet, "is a directory", f => Directory.CreateDirectory(Path.Combine(f.Folder, "folder.wav")).FullName),
                ["file: in a folder that does not exist"] = new Case("@{}", "FileNotFound" + Cmdlet, "does not exist", f => Path.Combine(f.Folder, "no-such-folder", "call.wav")),
                ["file: under another file"] = new Case("@{}", "FileNotFound" + Cmdlet, "does not exist", f => Path.Combine(f.Create("plain.wav"), "call.wav")),
                ["file: NUL in the name"] = new Case("@{}", "InvalidFileName" + Cmdlet, "control character", f => Path.Combine(f.Folder, "nul\0byte.wav")),
                ["file: wildcard matching nothing"] = new Case("@{}", "NoFileMatched" + Cmdlet, "No file matches", f => Path.Combine(f.Folder, "*.nomatch")),
                ["file: not a file-system path"] = new Case("@{ Path = 'Env:/PATH' }", "NotAFileSystemPath" + Cmdlet, "is not a file system path"),
                ["file: drive that does not exist"] = new Case("@{ Path = 'NoSuchDrive:/call.wav' }", "FileNotFound" + Cmdlet, "Cannot find drive"),
                ["file: symbolic link to nothing"] = new Case("@{}", "FileNotFound" + Cmdlet, "does not exist", f =>
                {
                    string link = Path.Combine(f.Folder, "dangling.wav");
                    File.CreateSymbolicLink(link, Path.Combine(f.Folder, "gone.wav"));
                    return link;
                }, UnixOnly: true),
                ["file: symbolic link to a directory"] = new Case("@{}", "PathIsDirectory" + Cmdlet, "is a directory", f =>
                {
                    string link = Path.Combine(f.Folder, "dir-link.wav");
                    File.CreateSymbolicLink(link, Directory.CreateDirectory(Path.Combine(f.Folder, "target")).FullName);
                    return link;
                }, UnixOnly: true),
                // A named pipe has no length and opening it would wait for a writer: it must be refused, not hang.
                ["file: named pipe"] = new Case("@{}", "EmptyFile" + Cmdlet, "is empty (0 bytes)", f =>
                {
                    string fifo = Path.Combine(f.Folder, "pipe.wav");
                    Platform.MakeFifo(fifo);
                    return fifo;
                }, UnixOnly: true),

                // Missing or empty fields: the row's own error, naming its file (issue 17), not the engine's binding error.
                ["teammate: null"] = new Case("@{ Teammate = $null }", "MissingTeammate" + Cmdlet, "No teammate_email was given for '"),
                ["teammate: empty"] = new Case("@{ Teammate = '' }", "MissingTeammate" + Cmdlet, "No teammate_email was given for '"),
                ["teammate: blank"] = new Case("@{ Teammate = '   ' }", "MissingTeammate" + Cmdlet, "No teammate_email was given for '"),
                ["contact: null"] = new Case("@{ Contact = $null }", "MissingContact" + Cmdlet, "No contact was given for '"),
                ["contact: empty list"] = new Case("@{ Contact = @() }", "MissingContact" + Cmdlet, "No contact was given for '"),
                ["contact: only nulls and blanks in the list"] = new Case("@{ Contact = @($null, '', ' ') }", "MissingContact" + Cmdlet, "No contact was given for '"),
                ["contact: blank text"] = new Case("@{ Contact = '   ' }", "MissingContact" + Cmdlet, "No contact was given for '"),

                // Contacts that cannot be read or break a rule.
                ["contact: hashtable key with a typo"] = new Case("@{ Contact = @{ Emial = 'bob@client.com' } }", "InvalidContact" + Cmdlet, "'Emial' is not a contact key"),
                ["contact: no email, phone or ext id"] = new Case("@{ Contact = @{ FirstName = 'Bob' } }", "InvalidContact" + Cmdlet, "has no email, phone_number or ext_id (contacts[0])"),
                ["contact: a date"] = new Case("@{ Contact = (Get-Date) }", "InvalidContact" + Cmdlet, "A System.DateTime cannot be used as a contact"),
                ["contact: object without contact properties"] = new Case("@{ Contact = [pscustomobject]@{ name = 'Bob' } }", "InvalidContact" + Cmdlet, "has none of the properties"),
                ["contact: a bare word"] = new Case("@{ Contact = 'bob' }", "InvalidContact" + Cmdlet, "is neither an email address nor a phone number"),
                ["contact: two digits"] = new Case("@{ Contact = '12' }", "InvalidContact" + Cmdlet, "is neither an email address nor a phone number"),
                ["contact: phone with letters"] = new Case("@{ Contact = @{ Phone = '555-CALL-NOW' } }", "InvalidContact" + Cmdlet, "(contacts[0].phone_number)"),
                ["contact: phone of 21 digits"] = new Case("@{ Contact = @{ Phone = '+123456789012345678901' } }", "InvalidContact" + Cmdlet, "(contacts[0].phone_number)"),
                ["contact: phone as a fraction"] = new Case("@{ Contact = @{ PhoneNumber = 5551234567.5 } }", "InvalidContact" + Cmdlet, "PhoneNumber must be text, not a System.Double"),
                ["contact: email as a number"] = new Case("@{ Contact = @{ Email = 42 } }", "InvalidContact" + Cmdlet, "has email '42'"),
                ["contact: JSON cut short"] = new Case("@{ Contact = '[{\"email\":' }", "InvalidContact" + Cmdlet, "contacts is not valid JSON"),
                ["contact: JSON email as a number"] = new Case("@{ Contact = '[{\"email\":5}]' }", "InvalidContact" + Cmdlet, "contacts[0].email must be a string."),
                ["contact: JSON custom field value an object"] = new Case("@{ Contact = '[{\"email\":\"b@c.io\",\"custom_fields\":[{\"key\":\"k\",\"value\":{}}]}]' }", "InvalidContact" + Cmdlet, "value must be a string, a number, a boolean or null"),

                // Duplicates: emails compare trimmed and case-insensitively, phones by '+' and digits, ext ids exactly (after trimming).
                ["duplicate: emails differing only in case"] = new Case("@{ Contact = 'bob@client.com', 'BOB@Client.COM' }", "DuplicateContact" + Cmdlet, "(contacts[1].email)"),
                ["duplicate: emails differing only in surrounding spaces"] = new Case("@{ Contact = @{ Email = '  bob@client.com ' }, 'bob@client.com' }", "DuplicateContact" + Cmdlet, "(contacts[1].email)"),
                ["duplicate: one email on two otherwise different contacts"] = new Case("@{ Contact = @{ Email = 'bob@client.com'; FirstName = 'Bob' }, @{ Email = 'bob@client.com'; Phone = '555 0100' } }", "DuplicateContact" + Cmdlet, "(contacts[1].email)"),
                ["duplicate: phones differing only in separators"] = new Case("@{ Contact = '(555) 123-4567', '555.123.4567' }", "DuplicateContact" + Cmdlet, "(contacts[1].phone_number)"),
                ["duplicate: phone as a number and as text"] = new Case("@{ Contact = @{ PhoneNumber = 5551234567 }, '555 123 4567' }", "DuplicateContact" + Cmdlet, "(contacts[1].phone_number)"),
                ["duplicate: equal ext ids"] = new Case("@{ Contact = @{ ExtId = 'crm-7' }, @{ ExtId = 'crm-7' } }", "DuplicateContact" + Cmdlet, "(contacts[1].ext_id)"),
                ["duplicate: ext ids equal once trimmed"] = new Case("@{ Contact = @{ ExtId = ' crm-7 ' }, @{ ExtId = 'crm-7' } }", "DuplicateContact" + Cmdlet, "(contacts[1].ext_id)"),

                // Custom field values of unsupported types.
                ["custom field: a hashtable"] = new Case("@{ Contact = @{ Email = 'x@y.io'; CustomField = @{ k = @{ a = 1 } } } }", "InvalidCustomField" + Cmdlet, "Custom field 'k' has a value of type System.Collections.Specialized.OrderedDictionary"),
                ["custom field: an array"] = new Case("@{ Contact = @{ Email = 'x@y.io'; CustomField = @{ k = @(1, 2) } } }", "InvalidCustomField" + Cmdlet, "Custom field 'k' has a value of type System.Object[]"),
                ["custom field: a DateTime"] = new Case("@{ Contact = @{ Email = 'x@y.io'; CustomField = @{ k = (Get-Date) } } }", "InvalidCustomField" + Cmdlet, "Custom field 'k' has a value of type System.DateTime"),
                ["custom field: a script block"] = new Case("@{ Contact = @{ Email = 'x@y.io'; CustomField = @{ k = { 1 } } } }", "InvalidCustomField" + Cmdlet, "Custom field 'k' has a value of type System.Management.Automation.ScriptBlock"),
                ["custom field: a PSCustomObject"] = new Case("@{ Contact = @{ Email = 'x@y.io'; CustomField = @{ k = [pscustomobject]@{ a = 1 } } } }", "InvalidCustomField" + Cmdlet, "Custom field 'k' has a value of type System.Management.Automation.PSObject"),
                ["custom field: NaN"] = new Case("@{ Contact = @{ Email = 'x@y.io'; CustomField = @{ k = [double]::NaN } } }", "InvalidCustomField" + Cmdlet, "Custom field 'k' has a value of type System.Double"),
                ["custom field: a Guid"] = new Case("@{ Contact = @{ Email = 'x@y.io'; CustomField = @{ k = [guid]::NewGuid() } } }", "InvalidCustomField" + Cmdlet, "Custom field 'k' has a value of type System.Guid"),
                ["custom field: a blank key"] = new Case("@{ Contact = @{ Email = 'x@y.io'; CustomField = @{ ' ' = 1 } } }", "InvalidCustomField" + Cmdlet, "A custom field needs a non-empty key"),

                // recorded_at: refused on the row's own file (InvalidRecordedAt), as the zone may come from the same row.
                ["recorded_at: text without an offset"] = new Case("@{ RecordedAt = '2024-01-15 14:30:00' }", "InvalidRecordedAt" + Cmdlet, "has no offset, so the moment it names depends on the time zone"),
                ["recorded_at: a date only"] = new Case("@{ RecordedAt = '2024-01-15' }", "InvalidRecordedAt" + Cmdlet, "it has no time of day"),
                ["recorded_at: a word"] = new Case("@{ RecordedAt = 'yesterday' }", "InvalidRecordedAt" + Cmdlet, "it is not a date and time in a form the module reads"),
                ["recorded_at: month 13 with an offset"] = new Case("@{ RecordedAt = '2024-13-45T14:30:00Z' }", "InvalidRecordedAt" + Cmdlet, "it is not an ISO 8601 date-time"),
                ["recorded_at: month 13 without an offset"] = new Case("@{ RecordedAt = '2024-13-45 14:30'; TimeZone = 'America/New_York' }", "InvalidRecordedAt" + Cmdlet, "there is no such date or time"),
                ["recorded_at: a DateTime of no zone"] = new Case("@{ RecordedAt = [datetime]::new(2024, 1, 15, 14, 30, 0) }", "InvalidRecordedAt" + Cmdlet, "has no offset"),
                ["recorded_at: day and month either way round"] = new Case("@{ RecordedAt = '05/02/2024 14:30'; TimeZone = 'America/New_York' }", "InvalidRecordedAt" + Cmdlet, "2024-05-02T14:30:00 (2 May 2024) or 2024-02-05T14:30:00 (5 February 2024)"),
                ["recorded_at: a time New York skipped"] = new Case("@{ RecordedAt = '2024-03-10 02:30'; TimeZone = 'America/New_York' }", "InvalidRecordedAt" + Cmdlet, "it does not exist in America/New_York"),
                ["recorded_at: a time New York had twice"] = new Case("@{ RecordedAt = '2024-11-03 01:30'; TimeZone = 'Eastern Standard Time' }", "InvalidRecordedAt" + Cmdlet, "2024-11-03T01:30:00-04:00 (the first time) or 2024-11-03T01:30:00-05:00 (the second)"),
                ["recorded_at: a number"] = new Case("@{ RecordedAt = 42 }", "InvalidRecordedAt" + Cmdlet, "a System.Int32 is not a date"),
                ["time zone: unknown"] = new Case("@{ TimeZone = 'Mars/Olympus_Mons' }", "InvalidTimeZone" + Cmdlet, "The TimeZone 'Mars/Olympus_Mons' given for '"),
                ["recorded_at: far future"] = new Case("@{ RecordedAt = '2099-01-01T00:00:00Z' }", "InvalidRecordedAt" + Cmdlet, "is in the future"),
                ["recorded_at: two days ahead"] = new Case("@{ RecordedAt = [DateTimeOffset]::UtcNow.AddDays(2) }", "InvalidRecordedAt" + Cmdlet, "is in the future"),
                ["recorded_at: far past"] = new Case("@{ RecordedAt = '1969-07-20T20:17:40Z' }", "InvalidRecordedAt" + Cmdlet, "is before 1990-01-01"),
                ["recorded_at: year one"] = new Case("@{ RecordedAt = [DateTimeOffset]::MinValue }", "InvalidRecordedAt" + Cmdlet, "is before 1990-01-01"),

                // playbook_id.
                ["playbook_id: the empty uuid"] = new Case("@{ PlaybookId = '00000000-0000-0000-0000-000000000000' }", "InvalidPlaybookId" + Cmdlet, "is the empty uuid"),
            };
            foreach (string email in AlmostEmails)
            {
                cases["teammate: " + email] = new Case($"@{{ Teammate = {Ps(email)} }}", "InvalidTeammate" + Cmdlet, "is not a valid email address");
                cases["contact email: " + email] = new Case($"@{{ Contact = @{{ Email = {Ps(email)} }} }}", "InvalidContact" + Cmdlet, "(contacts[0].email)");
            }
            return cases;
        }

        public static TheoryData<string> CaseNames()
        {
            var names = new TheoryData<string>();
            foreach (var entry in Cases)
            {
                if (!(entry.Value.UnixOnly && Platform.IsWindows)) names.Add(entry.Key);
            }
            return names;
        }

        private const string BatchWithABadRowInTheMiddle = @"
            function Row($path, $overrides) {
                $row = [ordered]@{ Path = $path; Teammate = 'ana@acme.com'; Contact = 'bob@client.com'; RecordedAt = '2024-01-15T14:30:00Z' }
                foreach ($key in $overrides.Keys) { $row[$key] = $overrides[$key] }
                [pscustomobject]$row
            }
            (Row $args[0] @{}), (Row $args[1] BAD_OVERRIDES), (Row $args[2] @{}) | Send-AlpharunRecording";

        [Theory]
        [MemberData(nameof(CaseNames))]
        public void BadRowFailsAloneBeforeAnythingOfItIsSentAndTheBatchGoesOn(string name)
        {
            Case bad = Cases[name];
            string good1 = _sandbox.Files.Create("good-1.wav", seed: 101);
            string good2 = _sandbox.Files.Create("good-2.wav", seed: 102);
            string badPath = bad.BadFile?.Invoke(_sandbox.Files) ?? _sandbox.Files.Create("bad.wav", seed: 103);

            PwshResult result = _sandbox.Run(BatchWithABadRowInTheMiddle.Replace("BAD_OVERRIDES", bad.Overrides), good1, badPath, good2);

            Assert.Null(result.Terminating);
            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal(bad.ErrorId, error.FullyQualifiedErrorId);
            Assert.Contains(bad.Says, error.Exception.Message);
            Assert.Equal(new[] { good1, good2 }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.All(result.Output, o => Assert.Equal("Created", o.Properties["Status"].Value.ToString()));
            Assert.Equal(2, _sandbox.UploadRequestCount);
            Assert.Equal(new[] { "good-1.wav", "good-2.wav" }, _sandbox.ReceivedFileNames());
        }

        [Fact]
        public void NulInALiteralPathIsAnInvalidFileNameAndTheOtherPathsUpload()
        {
            string good1 = _sandbox.Files.Create("good-1.wav", seed: 1);
            string bad = Path.Combine(_sandbox.Files.Folder, "nul\0byte.wav");
            string good2 = _sandbox.Files.Create("good-2.wav", seed: 3);

            PwshResult result = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args -Teammate ana@acme.com -Contact bob@client.com", good1, bad, good2);

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("InvalidFileName" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(bad, error.TargetObject);
            Assert.Contains("control character", error.Exception.Message);
            Assert.Equal(new[] { good1, good2 }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(2, _sandbox.UploadRequestCount);
        }

        [Theory]
        [InlineData("ext ids differing in case", "@{ ExtId = 'CRM-7' }, @{ ExtId = 'crm-7' }", "[{\"ext_id\":\"CRM-7\"},{\"ext_id\":\"crm-7\"}]")]
        [InlineData("phones with and without a leading plus", "'+1 555 123 4567', '1 555 123 4567'", "[{\"phone_number\":\"+1 555 123 4567\"},{\"phone_number\":\"1 555 123 4567\"}]")]
        [InlineData("emails differing by a dot", "'bob.smith@client.com', 'bobsmith@client.com'", "[{\"email\":\"bob.smith@client.com\"},{\"email\":\"bobsmith@client.com\"}]")]
        [InlineData("one's email is the other's ext id", "@{ Email = 'bob@client.com' }, @{ ExtId = 'bob@client.com' }", "[{\"email\":\"bob@client.com\"},{\"ext_id\":\"bob@client.com\"}]")]
        public void ContactsThatOnlyLookAlikeAreNotDuplicates(string why, string contacts, string json)
        {
            string file = _sandbox.Files.Create("call.wav");
            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -RecordedAt '2024-01-15T14:30:00Z' -Contact {contacts}", file);

            Assert.True(result.Errors.Count == 0, why + ": " + string.Join(" | ", result.Errors.Select(e => e.Exception.Message)));
            Assert.Equal(json, (string)Assert.Single(_sandbox.Received()).Properties["ContactsJson"].Value);
        }

        [Theory]
        [InlineData("@{ k = @{ a = 1 } }", "System.Collections.Specialized.OrderedDictionary")]
        [InlineData("@{ k = @(1, 2) }", "System.Object[]")]
        [InlineData("@{ k = (Get-Date) }", "System.DateTime")]
        [InlineData("@{ k = { 1 } }", "System.Management.Automation.ScriptBlock")]
        [InlineData("@{ k = [pscustomobject]@{ a = 1 } }", "System.Management.Automation.PSObject")]
        public void NewAlpharunContactRefusesACustomFieldOfAnUnsupportedTypeAndTheOtherRowsGoOn(string customField, string type)
        {
            PwshResult result = _sandbox.Run($@"
                [pscustomobject]@{{ email = 'a@client.com' }},
                [pscustomobject]@{{ email = 'b@client.com'; custom_fields = {customField} }},
                [pscustomobject]@{{ email = 'c@client.com'; custom_fields = @{{ tier = 'gold' }} }} | New-AlpharunContact");

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("InvalidCustomField,Alpharun.Commands.NewAlpharunContactCommand", error.FullyQualifiedErrorId);
            Assert.Contains($"Custom field 'k' has a value of type {type}. Custom field values must be a string, a number, a boolean or null.", error.Exception.Message);
            Assert.Equal(new[] { "a@client.com", "c@client.com" }, result.Output.Select(o => o.ToString()));
        }

        [UnreadableFileFact]
        public void UnreadableFileFailsAloneAndTheBatchGoesOn()
        {
            string good1 = _sandbox.Files.Create("good-1.wav", seed: 1);
            string locked = _sandbox.Files.Create("locked.wav", seed: 2);
            string good2 = _sandbox.Files.Create("good-2.wav", seed: 3);
            Platform.MakeUnreadable(locked);

            PwshResult result = _sandbox.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com", good1, locked, good2);

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("FileUnreadable" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ReadError, error.CategoryInfo.Category);
            Assert.Equal(locked, error.TargetObject);
            Assert.Equal(new[] { good1, good2 }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(2, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void FileHeldExclusivelyByAnotherProgramIsUnreadableEvenForRootAndTheBatchGoesOn()
        {
            string good1 = _sandbox.Files.Create("good-1.wav", seed: 1);
            string held = _sandbox.Files.Create("held.wav", seed: 2);
            string good2 = _sandbox.Files.Create("good-2.wav", seed: 3);
            // Last written two days ago: held for so long, it is no call in progress (issue 16), just unreadable.
            File.SetLastWriteTimeUtc(held, DateTime.UtcNow.AddDays(-2));
            PwshResult result;
            using (new FileStream(held, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                result = _sandbox.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com", good1, held, good2);
            }

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("FileUnreadable" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ReadError, error.CategoryInfo.Category);
            Assert.Equal(held, error.TargetObject);
            Assert.Equal(new[] { good1, good2 }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(2, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void FileJustWrittenAndHeldExclusivelyIsInProgressNotAnErrorAndTheBatchGoesOn()
        {
            // Issue 19: a sharing violation is evidence that the call is still being recorded (issue 16): with a
            // recent last write, the file is output as InProgress, in input order, and a later run sends it.
            string good1 = _sandbox.Files.Create("good-1.wav", seed: 1);
            string held = _sandbox.Files.Create("held.wav", seed: 2);
            string good2 = _sandbox.Files.Create("good-2.wav", seed: 3);
            PwshResult result;
            using (new FileStream(held, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                result = _sandbox.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com", good1, held, good2);
            }

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { good1, held, good2 }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(new[] { "Created", "InProgress", "Created" }, result.Output.Select(o => (string)o.Properties["Status"].Value));
            Assert.Equal(2, _sandbox.UploadRequestCount);
        }

        // The client checks the file again when its turn comes, so one that vanished while waiting is simply not found.
        [Fact]
        public void FileThatVanishesWhileWaitingForItsTurnIsNotFoundAndTheBatchGoesOn() => AssertVanishingWhileWaitingIsNotFound(string.Empty);

        [Fact]
        public void FileThatVanishesWhileWaitingForItsTurnIsNotFoundEvenWithDebugOutput() => AssertVanishingWhileWaitingIsNotFound("-Debug");

        private void AssertVanishingWhileWaitingIsNotFound(string debug)
        {
            string first = _sandbox.Files.Create("first.wav", seed: 1);
            string vanishing = _sandbox.Files.Create("vanishing.wav", seed: 2);
            string last = _sandbox.Files.Create("last.wav", seed: 3);
            _sandbox.Run("Add-AlpharunSandboxFault -Stall '00:00:02'").ThrowIfFailed();

            // -ThrottleLimit 1: 'vanishing' waits for its turn while 'first' stalls for 2 s; it is deleted during
            // that wait, and is checked when its turn comes. Its audio note ("'<path>': ...") is the verbose line
            // written once its first check passed, just before it waits for the slot.
            PwshResult result = RunWhile(
                "$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1 -Verbose " + debug,
                new object[] { first, vanishing, last },
                ps => ps.Streams.Verbose.Any(v => v.Message.StartsWith("'" + vanishing + "':", StringComparison.Ordinal)),
                () => File.Delete(vanishing));

            Assert.Null(result.Terminating);
            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("FileNotFound" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("does not exist", error.Exception.Message);
            Assert.Equal(vanishing, error.TargetObject);
            Assert.Equal(new[] { first, last }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(new[] { "first.wav", "last.wav" }, _sandbox.ReceivedFileNames());
        }

        [Fact]
        public void FileThatVanishesBetweenRetriesIsFileChangedNotAnUnexpectedFailure()
        {
            string vanishing = _sandbox.Files.Create("vanishing.wav", seed: 2);
            PSObject server = _sandbox.Server();
            _sandbox.Run("Add-AlpharunSandboxFault -StatusCode 503 -RetryAfter 2").ThrowIfFailed();

            PwshResult result = RunWhile(
                "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -MaxRetries 1",
                new object[] { vanishing },
                _ => RequestCount(server) >= 1,
                () => File.Delete(vanishing));

            Assert.Null(result.Terminating);
            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("FileChanged" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains(vanishing, error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(1, _sandbox.UploadRequestCount);
            Assert.Empty(_sandbox.Received());
        }

        /// <summary>What a loopback server saw of one upload during which the file was changed.</summary>
        private sealed record ChangedUpload(PwshResult Result, long Received, long Declared, bool Ended);

        /// <summary>
        /// Sends <paramref name="file"/> to a loopback server that reads the body slowly and, once 256 KiB arrived (the
        /// client is then blocked on a full socket, far from the end of the file), runs <paramref name="change"/> on
        /// the file, then reads on until the client gives up; it answers 201 only to a whole body, as an API would.
        /// </summary>
        private ChangedUpload SendWhileTheFileChanges(string file, Action<FileStream> change)
        {
            long received = -1, declared = -1;
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                declared = LoopbackExchange.ContentLength(head);
                bool changed = false;
                long read = await exchange.ReadBodyAsync(declared, 16 * 1024, async total =>
                {
                    received = total;
                    if (!changed && total >= 256 * 1024)
                    {
                        changed = true;
                        using var writer = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                        change(writer);
                    }
                    if (!changed) await Task.Delay(1); // the slow link's pace, the condition under test
                });
                const string Created = "{\"data\":{\"recording\":{\"id\":\"6a0f3c1e-2b4d-4c6e-8f10-123456789abc\"}}}";
                if (read == declared) await exchange.WriteAsync($"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {Created.Length}\r\n\r\n{Created}");
            });

            PwshResult result = _sandbox.Run(
                "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -MaxRetries 0 -BaseUri $args[1] -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force)",
                file, server.BaseUri);
            return new ChangedUpload(result, received, declared, server.WaitForExchanges(TimeSpan.FromSeconds(30)));
        }

        [Fact]
        public void FileThatShrinksWhileItIsSentIsFileChanged()
        {
            const int Length = 64 * 1024 * 1024;
            string shrinking = _sandbox.Files.Create("shrinking.wav", Length, seed: 5);

            ChangedUpload upload = SendWhileTheFileChanges(shrinking, file => file.SetLength(1024));

            ErrorRecord error = Assert.Single(upload.Result.Errors);
            Assert.Equal("FileChanged" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("became shorter while it was being sent", error.Exception.Message);
            Assert.True(upload.Ended);
            Assert.InRange(upload.Received, 256 * 1024, Length - 1);
        }

        /// <summary>The header a recorder writes first: RIFF and data sizes still 0xFFFFFFFF (PCM, 8 kHz, mono, 16-bit).</summary>
        private static byte[] RecorderWavHeader()
        {
            var header = new MemoryStream();
            var w = new BinaryWriter(header);
            w.Write(Encoding.ASCII.GetBytes("RIFF")); w.Write(0xFFFFFFFFu); w.Write(Encoding.ASCII.GetBytes("WAVE"));
            w.Write(Encoding.ASCII.GetBytes("fmt ")); w.Write(16); w.Write((ushort)1); w.Write((ushort)1); w.Write(8000); w.Write(16000); w.Write((ushort)2); w.Write((ushort)16);
            w.Write(Encoding.ASCII.GetBytes("data")); w.Write(0xFFFFFFFFu);
            return header.ToArray();
        }

        [Fact]
        public void FileStillBeingWrittenIsInProgressAndTheRestOfTheBatchUploads()
        {
            // Issue 16: a recorder writing a call, its header's sizes still placeholders, appending as the batch runs.
            // Before, it was sent part-way and failed as FileChanged (or, caught between writes, sent as a short call).
            string good1 = _sandbox.Files.Create("good-1.wav", seed: 1);
            string growing = Path.Combine(_sandbox.Files.Folder, "growing.wav");
            File.WriteAllBytes(growing, RecorderWavHeader().Concat(new byte[1024 * 1024]).ToArray());
            string good2 = _sandbox.Files.Create("good-2.wav", seed: 3);
            using var stop = new CancellationTokenSource();
            var writer = new Thread(() =>
            {
                using var file = new FileStream(growing, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                byte[] chunk = new byte[4096];
                for (int i = 0; i < 16384 && !stop.IsCancellationRequested; i++)
                {
                    file.Write(chunk, 0, chunk.Length);
                    file.Flush();
                    Thread.Sleep(1); // the recorder's pace, the condition under test
                }
            });
            writer.Start();

            PwshResult result;
            try
            {
                result = _sandbox.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -MaxRetries 0", good1, growing, good2);
            }
            finally
            {
                stop.Cancel();
                writer.Join();
            }

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { good1, growing, good2 }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(new[] { "Created", "InProgress", "Created" }, result.Output.Select(o => (string)o.Properties["Status"].Value));
            Assert.Equal(new[] { "good-1.wav", "good-2.wav" }, _sandbox.ReceivedFileNames());
        }

        [Fact]
        public void FileThatGrowsWhileItIsSentIsFileChanged()
        {
            // Nothing shows it unfinished when it is checked (a day old, not audio the check knows); it grows mid-upload.
            const int Length = 64 * 1024 * 1024;
            string growing = _sandbox.Files.Create("growing.wav", Length, seed: 5);
            File.SetLastWriteTimeUtc(growing, DateTime.UtcNow.AddDays(-1));

            ChangedUpload upload = SendWhileTheFileChanges(growing, file =>
            {
                file.Seek(0, SeekOrigin.End);
                file.Write(new byte[1000], 0, 1000);
            });

            ErrorRecord error = Assert.Single(upload.Result.Errors);
            Assert.Equal("FileChanged" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(growing, error.TargetObject);
            Assert.Contains("grew while it was being sent", error.Exception.Message);
            Assert.Empty(upload.Result.Output);
            Assert.True(upload.Ended);
            // The server never had a whole request (what the socket held when the client gave up may never arrive).
            Assert.InRange(upload.Received, 256 * 1024, upload.Declared - 1);
        }

        [Fact]
        public void FileRewrittenInPlaceWhileItIsSentIsFileChangedAndItsBodyNeverEnds()
        {
            // Issue 18: overwritten at the same length during the upload, it was reported Created while the API stored
            // a mix of both versions. Its last write time is set in the past first, so the rewrite moves it.
            const int Length = 64 * 1024 * 1024;
            string rewritten = _sandbox.Files.Create("rewritten.wav", Length, seed: 6);
            File.SetLastWriteTimeUtc(rewritten, DateTime.UtcNow.AddDays(-1));

            ChangedUpload upload = SendWhileTheFileChanges(rewritten, file => file.Write(new byte[Length], 0, Length));

            ErrorRecord error = Assert.Single(upload.Result.Errors);
            Assert.Equal("FileChanged" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(rewritten, error.TargetObject);
            Assert.Contains("was written to while it was being sent", error.Exception.Message);
            Assert.Empty(upload.Result.Output);
            Assert.Equal(Length, new FileInfo(rewritten).Length);
            Assert.True(upload.Ended);
            Assert.InRange(upload.Received, 256 * 1024, upload.Declared - 1);
        }

        [Fact]
        public void PlaybookIdThatIsNotAUuidFailsItsRowInsteadOfUploadingWithoutAPlaybook()
        {
            string good1 = _sandbox.Files.Create("good-1.wav", seed: 101);
            string good2 = _sandbox.Files.Create("good-2.wav", seed: 102);
            string bad = _sandbox.Files.Create("bad.wav", seed: 103);

            PwshResult result = _sandbox.Run(BatchWithABadRowInTheMiddle.Replace("BAD_OVERRIDES", "@{ PlaybookId = 'pb-1' }"), good1, bad, good2);

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("ParameterArgumentTransformationError" + Binding, error.FullyQualifiedErrorId);
            Assert.Contains("playbook_id", error.Exception.Message);
            Assert.Equal(new[] { good1, good2 }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(2, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void PlaybookIdArgumentThatIsNotAUuidRefusesTheWholeCommandBeforeAnythingIsSent()
        {
            string one = _sandbox.Files.Create("one.wav", seed: 1), two = _sandbox.Files.Create("two.wav", seed: 2);

            PwshResult result = _sandbox.Run("Send-AlpharunRecording -LiteralPath $args -Teammate ana@acme.com -Contact bob@client.com -PlaybookId '3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6'", one, two);

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("ParameterArgumentTransformationError" + Binding, error.FullyQualifiedErrorId);
            Assert.Contains("playbook_id '3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6' is not a uuid", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void TenThousandContactsAreAcceptedQuickly()
        {
            string file = _sandbox.Files.Create("conference.wav");
            var clock = Stopwatch.StartNew();
            PwshResult result = _sandbox.Run(
                "$contacts = 1..10000 | ForEach-Object { 'c{0:00000}@client.com' -f $_ }; Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact $contacts -RecordedAt '2024-01-15T14:30:00Z'",
                file).ThrowIfFailed();
            clock.Stop();

            Assert.Equal("Created", result.Property<string>(0, "Status"));
            Assert.Equal(10000, ((string)result.Output.Single().Properties["Contacts"].Value).Split(new[] { "; " }, StringSplitOptions.None).Length);
            string json = (string)Assert.Single(_sandbox.Received()).Properties["ContactsJson"].Value;
            Assert.StartsWith("[{\"email\":\"c00001@client.com\"},{\"email\":\"c00002@client.com\"}", json);
            Assert.EndsWith("{\"email\":\"c10000@client.com\"}]", json);
            Assert.Equal(10000, json.Split("{\"email\":").Length - 1);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"10,000 contacts took {clock.Elapsed.TotalSeconds:0.0} s");
        }

        // Runs a pipeline on the session while the test waits for a condition, then acts (e.g. deletes a file).
        private PwshResult RunWhile(string script, object[] args, Func<System.Management.Automation.PowerShell, bool> until, Action then)
        {
            using var ps = _sandbox.Session.CreatePipeline();
            ps.AddScript(script);
            foreach (object arg in args) ps.AddArgument(arg);
            IAsyncResult running = ps.BeginInvoke();
            Poll.Until(() => until(ps) || running.IsCompleted, "the pipeline reached the point the test acts at");
            Assert.False(running.IsCompleted, "the pipeline ended before the test could act");
            then();
            var result = new PwshResult();
            try
            {
                result.Output.AddRange(ps.EndInvoke(running));
            }
            catch (RuntimeException e)
            {
                result.Terminating = e;
            }
            result.Errors.AddRange(ps.Streams.Error);
            return result;
        }

        private static int RequestCount(PSObject server) => (int)server.Properties["UploadRequestCount"].Value;
    }

    /// <summary>CSV batches: a row with a missing or bad cell fails alone; extra columns are ignored.</summary>
    public sealed class CsvCorpusTests : IClassFixture<SharedSession>, IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private readonly SandboxedSession _sandbox;

        public CsvCorpusTests(SharedSession shared)
        {
            _sandbox = new SandboxedSession(shared);
        }

        public void Dispose() => _sandbox.Dispose();

        [Theory]
        [InlineData("no teammate_email", "\"{0}\",,bob@client.com,2024-01-15T14:30:00Z", "MissingTeammate" + Cmdlet, "No teammate_email was given for '")]
        [InlineData("no contacts", "\"{0}\",ana@acme.com,,2024-01-15T14:30:00Z", "MissingContact" + Cmdlet, "No contact was given for '")]
        [InlineData("no path", ",ana@acme.com,bob@client.com,2024-01-15T14:30:00Z", "MissingFile" + Cmdlet, "Input row 2 (teammate_email ana@acme.com, contacts bob@client.com, recorded_at 2024-01-15T14:30:00Z) has a blank path")]
        [InlineData("a path and nothing else", "\"{0}\"", "MissingTeammate" + Cmdlet, "No teammate_email was given for '")]
        [InlineData("recorded_at without an offset", "\"{0}\",ana@acme.com,bob@client.com,2024-01-15 14:30", "InvalidRecordedAt" + Cmdlet, "has no offset")]
        [InlineData("duplicate contacts in one cell", "\"{0}\",ana@acme.com,\"bob@client.com; BOB@client.com\",2024-01-15T14:30:00Z", "DuplicateContact" + Cmdlet, "(contacts[1].email)")]
        [InlineData("a JSON cell cut short", "\"{0}\",ana@acme.com,\"[{{\"\"email\"\":\",2024-01-15T14:30:00Z", "InvalidContact" + Cmdlet, "contacts is not valid JSON")]
        [InlineData("a playbook_id that is not a uuid", "\"{0}\",ana@acme.com,bob@client.com,2024-01-15T14:30:00Z,pb-1", "ParameterArgumentTransformationError" + Cmdlet, "playbook_id")]
        [InlineData("a teammate that is not an email", "\"{0}\",ana at acme.com,bob@client.com,2024-01-15T14:30:00Z", "InvalidTeammate" + Cmdlet, "is not a valid email address")]
        public void CsvRowWithAMissingOrBadCellFailsAloneAndTheOtherRowsUpload(string why, string badRow, string errorId, string says)
        {
            string good1 = _sandbox.Files.Create("good-1.wav", seed: 1);
            string bad = _sandbox.Files.Create("bad.wav", seed: 2);
            string good2 = _sandbox.Files.Create("good-2.wav", seed: 3);
            string csv = Path.Combine(_sandbox.Files.Folder, "batch.csv");
            File.WriteAllLines(csv, new[]
            {
                "path,teammate_email,contacts,recorded_at,playbook_id",
                $"\"{good1}\",ana@acme.com,bob@client.com,2024-01-15T14:30:00Z,",
                string.Format(System.Globalization.CultureInfo.InvariantCulture, badRow, bad),
                $"\"{good2}\",ana@acme.com,bob@client.com,2024-01-15T14:30:00Z,",
            });

            PwshResult result = _sandbox.Run("Import-Csv -LiteralPath $args[0] | Send-AlpharunRecording", csv);

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.True(errorId == error.FullyQualifiedErrorId, $"{why}: {error.FullyQualifiedErrorId}: {error.Exception.Message}");
            Assert.Contains(says, error.Exception.Message);
            Assert.Equal(new[] { good1, good2 }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.Equal(2, _sandbox.UploadRequestCount);
            Assert.Equal(new[] { "good-1.wav", "good-2.wav" }, _sandbox.ReceivedFileNames());
        }

        [Fact]
        public void ExtraCsvColumnsAreIgnoredEvenWhenNamedLikeParameters()
        {
            string one = _sandbox.Files.Create("one.wav", seed: 1);
            string two = _sandbox.Files.Create("two.wav", seed: 2);
            string journal = Path.Combine(_sandbox.Files.Folder, "must-not-exist.journal");
            string csv = Path.Combine(_sandbox.Files.Folder, "batch.csv");
            // ApiKey, BaseUri, Journal and MaxRetries are not bound from the pipeline: a stray column must not redirect the upload.
            File.WriteAllLines(csv, new[]
            {
                "path,teammate_email,contacts,recorded_at,notes,duration_sec,ApiKey,BaseUri,Journal,MaxRetries,AllowUnencryptedAuthentication",
                $"\"{one}\",ana@acme.com,bob@client.com,2024-01-15T14:30:00Z,\"first, call\",12,not-the-key,http://127.0.0.1:1/api/v1,\"{journal}\",9,true",
                $"\"{two}\",ana@acme.com,bob@client.com,2024-01-15T14:30:00Z,,,,,,,",
            });

            PwshResult result = _sandbox.Run("Import-Csv -LiteralPath $args[0] | Send-AlpharunRecording", csv).ThrowIfFailed();

            Assert.Equal(new[] { one, two }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.All(result.Output, o => Assert.Equal("Created", o.Properties["Status"].Value.ToString()));
            Assert.Equal(new[] { "one.wav", "two.wav" }, _sandbox.ReceivedFileNames());
            Assert.False(File.Exists(journal));
        }
    }

    /// <summary>
    /// API answers that break the contract, from a raw loopback server: each ends as InvalidResponse (or Timeout,
    /// for a body that stops) within seconds, and a huge body is not read to its end.
    /// </summary>
    public sealed class BadResponseCorpusTests : IClassFixture<SharedSession>, IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Send =
            "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -MaxRetries 0 -TimeoutSec 10 -BaseUri $args[1] -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force)";

        // A bound far below what a hang would take, yet far above a loaded machine's scheduling delays: with
        // -TimeoutSec 2 an empty 201 once timed out at a load average of 30 before the client read its answer.
        private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(15);

        private readonly PwshSession _session;
        private readonly Recordings _files = new Recordings();

        public BadResponseCorpusTests(SharedSession shared)
        {
            _session = shared.Session;
        }

        public void Dispose() => _files.Dispose();

        [Theory]
        [InlineData("HTML", 201, "<html><body>Created</body></html>", "text/html")]
        [InlineData("empty", 201, "", "application/json")]
        [InlineData("plain text", 200, "OK", "text/plain")]
        [InlineData("no id", 201, "{\"data\":{\"recording\":{}}}", "application/json")]
        [InlineData("no data", 201, "{\"recording\":{\"id\":\"6a0f3c1e-2b4d-4e8f-9a1b-2c3d4e5f6a7b\"}}", "application/json")]
        [InlineData("id not a uuid", 201, "{\"data\":{\"recording\":{\"id\":\"rec_123\"}}}", "application/json")]
        [InlineData("id a number", 201, "{\"data\":{\"recording\":{\"id\":12345}}}", "application/json")]
        [InlineData("null", 200, "null", "application/json")]
        [InlineData("an array", 201, "[]", "application/json")]
        [InlineData("cut short", 201, "{\"data\":{\"recording\":{\"id\":\"6a0f3c1e-2b4d", "application/json")]
        [InlineData("nested 100,000 deep", 201, null, "application/json")]
        public void SuccessStatusWithABodyThatIsNotTheContractIsInvalidResponse(string why, int status, string? body, string mediaType)
        {
            body ??= new string('[', 100_000);
            using var server = new LoopbackServer(LoopbackServer.Answer(status, body, "Content-Type: " + mediaType));

            var clock = Stopwatch.StartNew();
            PwshResult result = _session.Run(Send, _files.Create("call.wav"), server.BaseUri);
            clock.Stop();

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.True("InvalidResponse" + Cmdlet == error.FullyQualifiedErrorId, $"{why}: {error.FullyQualifiedErrorId}: {error.Exception.Message}");
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains($"The API answered HTTP {status} ({(status == 201 ? "created" : "already exists")}) to the upload of", error.Exception.Message);
            Assert.Contains(" It answered success, so it probably holds the recording: send the file again to get its id; a rerun is safe,", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.True(clock.Elapsed < Prompt, $"{why}: {clock.Elapsed.TotalMilliseconds:0} ms");
        }

        [Fact]
        public void ASuccessWhoseBodyIsCutShortBeforeItsContentLengthSaysTheApiProbablyHoldsTheRecording()
        {
            // Issue 18 item 4: it used to say "Check the address and the network".
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                await exchange.WriteAsync("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Request-Id: req-cut\r\nContent-Length: 200\r\n\r\n{\"data\":{\"recor");
                await exchange.CloseAsync();
            });
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(Send, file, server.BaseUri);

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("ConnectionFailed" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.StartsWith($"The API answered HTTP 201 (created) to the upload of '{file}' but its body was cut short (", error.Exception.Message);
            Assert.EndsWith("It answered success, so it probably holds the recording: send the file again to get its id; a rerun is safe, as the API answers 200 (AlreadyExisted) with the id of a recording it already has. If the same happens again, check that -BaseUri is the Alpharun API. Request id: req-cut.", error.Exception.Message);
            Assert.Equal("req-cut", PSObject.AsPSObject(error.Exception).Properties["RequestId"].Value);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void ASuccessWhoseBodyStallsAfterTheHeadersSaysTheApiProbablyHoldsTheRecording()
        {
            // Issue 18 item 4: it used to say "made no progress".
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                await exchange.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"data\":");
                await Task.Delay(Timeout.Infinite, exchange.Stopping); // the stall after the headers, the condition under test
            });
            string file = _files.Create("call.wav");

            PwshResult result = _session.Run(Send.Replace("-TimeoutSec 10", "-TimeoutSec 1"), file, server.BaseUri);

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("Timeout" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal($"The API answered HTTP 200 (already exists) to the upload of '{file}' but its body then stalled: nothing more came for 1 s, and the read was given up. It answered success, so it probably holds the recording: send the file again to get its id; a rerun is safe, as the API answers 200 (AlreadyExisted) with the id of a recording it already has. If the same happens again, check that -BaseUri is the Alpharun API.",
                error.Exception.Message);
        }

        [Fact]
        public void HugeSuccessBodyIsInvalidResponseWithoutReadingItAll()
        {
            const long Total = 50L * 1024 * 1024;
            LoopbackExchange? answered = null;
            using var server = new LoopbackServer(async exchange =>
            {
                answered = exchange;
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                await exchange.WriteAsync($"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {Total}\r\n\r\n");
                // Valid JSON as far as it goes, so only a bound on the read stops it: an object whose one string runs for 50 MiB.
                byte[] prefix = Encoding.ASCII.GetBytes("{\"data\":{\"recording\":{\"note\":\"");
                byte[] suffix = Encoding.ASCII.GetBytes("\"}}}");
                await exchange.WriteBodyAsync(prefix);
                byte[] filler = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();
                long left = Total - prefix.Length - suffix.Length;
                while (left > 0)
                {
                    int n = (int)Math.Min(filler.Length, left);
                    await exchange.WriteBodyAsync(n == filler.Length ? filler : filler.Take(n).ToArray());
                    left -= n;
                }
                await exchange.WriteBodyAsync(suffix);
            });

            var clock = Stopwatch.StartNew();
            PwshResult result = _session.Run(Send, _files.Create("call.wav"), server.BaseUri);
            clock.Stop();

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("InvalidResponse" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.True(clock.Elapsed < Prompt, $"{clock.Elapsed.TotalMilliseconds:0} ms");
            // The client stopped reading and closed: the server's writes failed long before 50 MiB went out.
            Assert.True(server.WaitForExchanges(TimeSpan.FromSeconds(10)));
            Assert.InRange(answered!.BytesWritten, 1, 24L * 1024 * 1024);
        }

        [Fact]
        public void SuccessBodyThatStopsMidwayEndsAsTimeout()
        {
            using var server = new LoopbackServer(async exchange =>
            {
                string? head = await exchange.ReadHeadAsync();
                if (head is null) return;
                await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
                await exchange.WriteAsync("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"data\":");
                await Task.Delay(Timeout.Infinite, exchange.Stopping); // never answers: the condition under test
            });

            var clock = Stopwatch.StartNew();
            PwshResult result = _session.Run(Send.Replace("-TimeoutSec 10", "-TimeoutSec 2"), _files.Create("call.wav"), server.BaseUri);
            clock.Stop();

            ErrorRecord error = Assert.Single(result.Errors);
            Assert.Equal("Timeout" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
        }
    }
}
