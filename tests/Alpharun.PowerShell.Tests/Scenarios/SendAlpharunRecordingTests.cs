using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>Users' pipelines, run in the PowerShell 7.6 engine against the module's sandbox.</summary>
    public class SendAlpharunRecordingTests : IDisposable
    {
        private const string Cmdlet = ",Alpharun.Commands.SendAlpharunRecordingCommand";
        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();

        public SendAlpharunRecordingTests()
        {
            _session.Run("Start-AlpharunSandbox | Out-Null").ThrowIfFailed();
        }

        public void Dispose()
        {
            _session.Dispose();
            _files.Dispose();
        }

        private PwshResult SandboxRecordings() => _session.Run("Get-AlpharunSandboxRecording").ThrowIfFailed();

        [Fact]
        public void GetChildItemPipeUploadsEveryMatchingFile()
        {
            string a = _files.Create("a.wav"), b = _files.Create("b.wav"), c = _files.Create("c.wav");
            _files.Create("notes.txt");

            PwshResult result = _session.Run(
                "Get-ChildItem -Path (Join-Path $args[0] '*.wav') | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com", _files.Folder)
                .ThrowIfFailed();

            Assert.Equal(3, result.Output.Count);
            Assert.All(result.Output, o => Assert.Equal("Alpharun.RecordingUpload", o.TypeNames[0]));
            Assert.Equal(new[] { a, b, c }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.All(result.Output, o => Assert.Equal("Created", o.Properties["Status"].Value.ToString()));
            Assert.Equal(3, result.Output.Select(o => (Guid)o.Properties["RecordingId"].Value).Distinct().Count());
            Assert.All(result.Output, o => Assert.Equal(4096L, (long)o.Properties["Length"].Value));
            Assert.All(result.Output, o => Assert.Equal(201, (int)o.Properties["HttpStatus"].Value));

            // Uploads run in parallel, so the sandbox receives them in any order; the output above is in input order.
            var received = SandboxRecordings().Output.ToDictionary(o => (string)o.Properties["FileName"].Value, o => (string)o.Properties["Sha256"].Value);
            Assert.Equal(new[] { "a.wav", "b.wav", "c.wav" }, received.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(b))).ToLowerInvariant(), received["b.wav"]);
        }

        [Fact]
        public void RepeatUploadIsAlreadyExistedWithTheSameId()
        {
            _files.Create("call.wav");
            const string send = "Send-AlpharunRecording -Path (Join-Path $args[0] 'call.wav') -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00-05:00'";

            PwshResult first = _session.Run(send, _files.Folder).ThrowIfFailed();
            PwshResult second = _session.Run(send, _files.Folder).ThrowIfFailed();

            Assert.Equal("Created", first.Output.Single().Properties["Status"].Value.ToString());
            Assert.Equal("AlreadyExisted", second.Output.Single().Properties["Status"].Value.ToString());
            Assert.Equal(200, (int)second.Output.Single().Properties["HttpStatus"].Value);
            Assert.Equal(first.Output.Single().Properties["RecordingId"].Value, second.Output.Single().Properties["RecordingId"].Value);
        }

        [Fact]
        public void CsvBatchBindsEveryColumnByPropertyName()
        {
            string one = _files.Create("one.wav"), two = _files.Create("two.mp3");
            string csv = Path.Combine(_files.Folder, "batch.csv");
            File.WriteAllLines(csv, new[]
            {
                "path,teammate_email,contacts,recorded_at,playbook_id",
                $"\"{one}\",ana@acme.com,bob@client.com,2024-01-15T14:30:00-05:00,3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b",
                $"\"{two}\",li@acme.com,\"+1 555 123 4567; carol@client.com\",2024-02-01T09:00:00Z,",
            });

            PwshResult result = _session.Run("Import-Csv -LiteralPath $args[0] | Send-AlpharunRecording", csv).ThrowIfFailed();

            Assert.Equal(2, result.Output.Count);
            Assert.Equal("ana@acme.com", result.Property<string>(0, "Teammate"));
            Assert.Equal(new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5)), result.Property<DateTimeOffset>(0, "RecordedAt"));
            Assert.Equal(Guid.Parse("3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b"), result.Property<Guid?>(0, "PlaybookId"));
            Assert.Equal("li@acme.com", result.Property<string>(1, "Teammate"));
            Assert.Null(result.Output[1].Properties["PlaybookId"].Value);

            var received = SandboxRecordings().Output.Single(o => (string)o.Properties["FileName"].Value == "two.mp3");
            Assert.Equal("[{\"phone_number\":\"+1 555 123 4567\"},{\"email\":\"carol@client.com\"}]", (string)received.Properties["ContactsJson"].Value);
            Assert.Equal("2024-02-01T09:00:00+00:00", (string)received.Properties["RecordedAt"].Value);
        }

        [Fact]
        public void WhatIfSendsNothing()
        {
            _files.Create("a.wav");
            PwshResult result = _session.Run("Send-AlpharunRecording -Path (Join-Path $args[0] '*.wav') -Teammate ana@acme.com -Contact bob@client.com -WhatIf", _files.Folder).ThrowIfFailed();

            Assert.Empty(result.Output);
            Assert.Empty(SandboxRecordings().Output);
        }

        [Fact]
        public void BadFileInTheMiddleDoesNotStopTheBatch()
        {
            string a = _files.Create("a.wav"), empty = _files.Create("b.wav", 0), c = _files.Create("c.wav");

            PwshResult result = _session.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com", a, empty, c);

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { a, c }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            var error = Assert.Single(result.Errors);
            Assert.Equal("EmptyFile" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(empty, error.TargetObject);
            Assert.Contains(empty, error.Exception.Message);
            Assert.Equal(2, SandboxRecordings().Output.Count);
        }

        [Theory]
        [InlineData("-Teammate ana@acme -Contact bob@client.com", "InvalidTeammate", "teammate_email")]
        [InlineData("-Teammate ana@acme.com -Contact 'bob@@client.com'", "InvalidContact", "contacts[0].email")]
        [InlineData("-Teammate ana@acme.com -Contact bob@client.com, BOB@client.com", "DuplicateContact", "contacts[1].email")]
        [InlineData("-Teammate ana@acme.com -Contact '+1 555 123 4567', '+1-555-123-4567'", "DuplicateContact", "contacts[1].phone_number")]
        [InlineData("-Teammate ana@acme.com -Contact @{ FirstName = 'Bob' }", "InvalidContact", "contacts[0]")]
        [InlineData("-Teammate ana@acme.com -Contact @{ ExtId = 'e1' } -RecordedAt ([DateTimeOffset]'2099-01-01T00:00:00Z')", "InvalidRecordedAt", "recorded_at")]
        [InlineData("-Teammate ana@acme.com -Contact bob@client.com -PlaybookId ([guid]::Empty)", "InvalidPlaybookId", "playbook_id")]
        public void EachBrokenRuleIsOneErrorNamingTheFieldAndTheFile(string arguments, string errorId, string field)
        {
            string file = _files.Create("x.wav");
            PwshResult result = _session.Run($"Send-AlpharunRecording -LiteralPath $args[0] {arguments}", file);

            var error = Assert.Single(result.Errors);
            Assert.Equal(errorId + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(file, error.TargetObject);
            Assert.Contains(field, error.Exception.Message);
            Assert.Contains(file, error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Empty(SandboxRecordings().Output);
        }

        [Theory]
        [InlineData("missing.wav", "FileNotFound")]
        [InlineData("sub", "PathIsDirectory")]
        [InlineData("*.flac", "NoFileMatched")]
        public void PathsThatAreNotAudioFilesAreErrors(string path, string errorId)
        {
            Directory.CreateDirectory(Path.Combine(_files.Folder, "sub"));
            PwshResult result = _session.Run("Send-AlpharunRecording -Path (Join-Path $args[0] $args[1]) -Teammate ana@acme.com -Contact bob@client.com", _files.Folder, path);

            Assert.Equal(errorId + Cmdlet, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(SandboxRecordings().Output);
        }

        [Theory]
        [InlineData("'2024-01-15 14:30:00'")]
        [InlineData("'2024-01-15'")]
        [InlineData("([datetime]'2024-01-15T14:30:00')")]
        public void RecordedAtWithoutAnOffsetIsRefusedAtBinding(string value)
        {
            string file = _files.Create("x.wav");
            PwshResult result = _session.Run($"Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt {value}", file);

            var error = Assert.Single(result.Errors);
            Assert.Equal("ParameterArgumentTransformationError,Alpharun.Commands.SendAlpharunRecordingCommand", error.FullyQualifiedErrorId);
            Assert.Contains("recorded_at", error.Exception.Message);
            Assert.Contains("offset", error.Exception.Message);
            Assert.Empty(SandboxRecordings().Output);
        }

        [Fact]
        public void PlaybookIdThatIsNotAUuidIsRefusedAtBinding()
        {
            string file = _files.Create("x.wav");
            PwshResult result = _session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -PlaybookId 'pb-1'", file);

            var error = Assert.Single(result.Errors);
            Assert.Equal("ParameterArgumentTransformationError,Alpharun.Commands.SendAlpharunRecordingCommand", error.FullyQualifiedErrorId);
            Assert.Contains("playbook_id 'pb-1' is not a uuid", error.Exception.Message);
            Assert.Empty(SandboxRecordings().Output);
        }

        [Fact]
        public void OmittedRecordedAtIsTheLastWriteTimeAndVerboseSaysSo()
        {
            string file = _files.Create("x.wav");
            var stamp = new DateTime(2024, 3, 10, 8, 15, 0, DateTimeKind.Local);
            File.SetLastWriteTime(file, stamp);

            PwshResult result = _session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -Verbose", file).ThrowIfFailed();

            Assert.Equal(new DateTimeOffset(stamp), result.Property<DateTimeOffset>(0, "RecordedAt"));
            Assert.Contains(result.Verbose, v => v.Contains("last write time") && v.Contains(file));
        }

        [Fact]
        public void WrongKeyIsOneTerminatingErrorAndNothingIsRecorded()
        {
            _files.Create("a.wav");
            _files.Create("b.wav");
            // try/catch sees only terminating errors: a per-file (non-terminating) error would not be caught.
            PwshResult result = _session.Run(@"
                try { Get-ChildItem (Join-Path $args[0] '*.wav') | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ApiKey (ConvertTo-SecureString 'wrong-key' -AsPlainText -Force) }
                catch { 'caught ' + $_.FullyQualifiedErrorId; $_.Exception.Message }",
                _files.Folder).ThrowIfFailed();

            Assert.Equal("caught ApiKeyRejected" + Cmdlet, result.Output[0].BaseObject);
            Assert.Contains("rejected the API key", (string)result.Output[1].BaseObject);
            Assert.Equal(2, result.Output.Count);
            Assert.Empty(SandboxRecordings().Output);
        }

        [Fact]
        public void NoRoutingRuleSaysToPassPlaybookIdAndPlaybookIdFixesIt()
        {
            _session.Run("Start-AlpharunSandbox -TeammateWithoutRouting ana@acme.com | Out-Null").ThrowIfFailed();
            string file = _files.Create("x.wav");

            PwshResult refused = _session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com", file);
            PwshResult accepted = _session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -PlaybookId 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b", file);

            var error = Assert.Single(refused.Errors);
            Assert.Equal("NoPlaybookRouting" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("-PlaybookId", error.Exception.Message);
            Assert.Equal("Created", accepted.ThrowIfFailed().Output.Single().Properties["Status"].Value.ToString());
        }

        [Fact]
        public void EveryContactFormReachesTheApi()
        {
            string file = _files.Create("x.wav");
            PwshResult result = _session.Run(@"
                $typed = New-AlpharunContact -Email ana.client@x.io -FirstName Ana -CustomField @{ tier = 'gold' }
                $object = [pscustomobject]@{ phone_number = '+15550001111'; last_name = 'Li'; unrelated = 1 }
                Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact $typed, @{ ExtId = 'crm-7' }, $object, 'carl@x.io'", file).ThrowIfFailed();

            const string sent = "[{\"email\":\"ana.client@x.io\",\"first_name\":\"Ana\",\"custom_fields\":[{\"key\":\"tier\",\"value\":\"gold\"}]},{\"ext_id\":\"crm-7\"},{\"last_name\":\"Li\",\"phone_number\":\"+15550001111\"},{\"email\":\"carl@x.io\"}]";
            Assert.Equal(sent, (string)SandboxRecordings().Output.Single().Properties["ContactsJson"].Value);
            Assert.Equal(sent, result.Property<string>(0, "Contacts"));
        }

        [Fact]
        public void HashtableWithAnUnknownKeyIsAnInvalidContact()
        {
            string file = _files.Create("x.wav");
            PwshResult result = _session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact @{ Emial = 'b@c.io' }", file);

            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidContact" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("'Emial'", error.Exception.Message);
        }

        [Fact]
        public void BracketsInAFileNameAreNotWildcards()
        {
            string file = _files.Create("call[1].wav");
            PwshResult piped = _session.Run("Get-ChildItem -LiteralPath $args[0] | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com", file).ThrowIfFailed();
            PwshResult literal = _session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com", file).ThrowIfFailed();

            Assert.Equal(file, piped.Property<string>(0, "Path"));
            Assert.Equal("AlreadyExisted", literal.Output.Single().Properties["Status"].Value.ToString());
        }

        [Fact]
        public void AnObjectWithoutAPathPropertyIsToldWhatToName()
        {
            string file = _files.Create("x.wav");
            PwshResult result = _session.Run("[pscustomobject]@{ file = $args[0]; teammate_email = 'ana@acme.com'; contacts = 'bob@client.com' } | Send-AlpharunRecording", file);

            var error = Assert.Single(result.Errors);
            Assert.Equal("NoPathProperty" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("Name the CSV column 'path'", error.Exception.Message);
            Assert.Empty(SandboxRecordings().Output);
        }

        [Fact]
        public void ProviderApiObjectsPipeLikeGetChildItem()
        {
            _files.Create("p.wav");
            PwshResult result = _session.Run(
                "$ExecutionContext.SessionState.InvokeProvider.ChildItem.Get($args[0], $false) | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com",
                _files.Folder).ThrowIfFailed();
            Assert.Equal("p.wav", result.Property<string>(0, "FileName"));
        }
    }
}
