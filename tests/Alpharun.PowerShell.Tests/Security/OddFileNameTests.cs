using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security.Cryptography;
using Xunit;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>
    /// Odd but valid input goes through unchanged, from the engine to the sandbox: file names with quoting,
    /// escaping and percent characters, any script, very long ones; numbers given for phone numbers; mixed-case
    /// emails; custom field values of every supported type. A name with a line break is refused before it can
    /// reach a header.
    /// </summary>
    public sealed class OddFileNameTests : IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Fields = "-Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z'";
        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        // 200 characters (220 UTF-8 bytes, within every file system's 255) with separators and accents.
        public static readonly string LongName = string.Concat(Enumerable.Repeat("Anruf é;a=b ", 20)).Substring(0, 196) + ".wav";

        public static TheoryData<string> PortableNames => new TheoryData<string>
        {
            "with  two spaces.wav",
            " leading space.wav",
            "it's.wav",
            "a;b.wav",
            "k=v&x=y.wav",
            "100%.wav",
            "a%20b%2F%00.wav",
            "back`tick $(whoami).wav",
            "café résumé.wav",
            "cafe\u0301 decomposed.wav",
            "東京会議の録音.wav",
            "😀 call 🎧.wav",
            "right-to-left \u202Ewav.mp3",
            "UPPER.WAV",
            "no-extension",
            "many.dots..in.name.m4a",
            LongName,
        };

        [Theory]
        [MemberData(nameof(PortableNames))]
        public void OddButValidNameArrivesExactlyFromThePipeAndFromLiteralPath(string name) => AssertArrivesExactly(name);

        // Not '\\': PowerShell on Unix reads it as a path separator in every path, so such a file cannot be named to any cmdlet.
        [UnixTheory]
        [InlineData("say \"hi\".wav")]
        [InlineData("star*.wav")]
        [InlineData("what?.wav")]
        [InlineData("pipe|colon:less<than>.wav")]
        public void NameWithCharactersWindowsForbidsArrivesExactly(string name) => AssertArrivesExactly(name);

        private void AssertArrivesExactly(string name)
        {
            string file = _sandbox.Files.Create(name);

            PwshResult piped = _sandbox.Run($"Get-ChildItem -LiteralPath $args[0] | Send-AlpharunRecording {Fields}", _sandbox.Files.Folder).ThrowIfFailed();
            PwshResult literal = _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args[0] {Fields}", file).ThrowIfFailed();

            Assert.Equal(name, piped.Property<string>(0, "FileName"));
            Assert.Equal(file, piped.Property<string>(0, "Path"));
            Assert.Equal("Created", piped.Property<string>(0, "Status"));
            Assert.Equal("AlreadyExisted", literal.Property<string>(0, "Status"));
            Assert.Equal(piped.Property<Guid>(0, "RecordingId"), literal.Property<Guid>(0, "RecordingId"));
            PSObject[] received = _sandbox.Received();
            Assert.Equal(new[] { name, name }, received.Select(r => (string)r.Properties["FileName"].Value));
            string sha = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))).ToLowerInvariant();
            Assert.All(received, r => Assert.Equal(sha, (string)r.Properties["Sha256"].Value));
        }

        [UnixTheory]
        [InlineData("line\nbreak.wav")]
        [InlineData("carriage\rreturn.wav")]
        [InlineData("x.wav\r\nContent-Type: text/html\r\n\r\n<script>.wav")]
        [InlineData("x\"; name=\"teammate_email\r\n\r\nmallory@evil.test.wav")]
        public void NameWithALineBreakIsRefusedInTheMiddleOfABatchAndNothingOfItReachesTheSandbox(string name)
        {
            string good1 = _sandbox.Files.Create("good-1.wav", seed: 1);
            string bad = _sandbox.Files.Create(name, seed: 2);
            string good2 = _sandbox.Files.Create("good-2.wav", seed: 3);

            PwshResult result = _sandbox.Run($"$args | Send-AlpharunRecording {Fields}", good1, bad, good2);

            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidFileName" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(bad, error.TargetObject);
            Assert.Contains("control character", error.Exception.Message);
            Assert.Equal(new[] { good1, good2 }, result.Output.Select(o => (string)o.Properties["Path"].Value));
            Assert.All(result.Output, o => Assert.Equal("Created", o.Properties["Status"].Value.ToString()));
            Assert.Equal(2, _sandbox.UploadRequestCount);
            Assert.Equal(new[] { "good-1.wav", "good-2.wav" }, _sandbox.Received().Select(r => (string)r.Properties["FileName"].Value).OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(_sandbox.Received(), r => Assert.Equal("ana@acme.com", (string)r.Properties["Teammate"].Value));
        }

        [Fact]
        public void PhoneNumbersGivenAsNumbersArriveAsTheirDigitsAndTextAsWritten()
        {
            string file = _sandbox.Files.Create("call.wav");
            _sandbox.Run(@"
                Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -RecordedAt '2024-01-15T14:30:00Z' -Contact @(
                    @{ PhoneNumber = 15551234567 },
                    @{ Phone = [int]5551234 },
                    @{ phone_number = 442071234567.0 },
                    @{ PhoneNumber = [decimal]15551234568 },
                    '+1 (555) 123-4569',
                    @{ PhoneNumber = '+44 20 7123 4567' })", file).ThrowIfFailed();

            Assert.Equal(
                "[{\"phone_number\":\"15551234567\"},{\"phone_number\":\"5551234\"},{\"phone_number\":\"442071234567\"},{\"phone_number\":\"15551234568\"},"
                + "{\"phone_number\":\"+1 (555) 123-4569\"},{\"phone_number\":\"+44 20 7123 4567\"}]",
                (string)Assert.Single(_sandbox.Received()).Properties["ContactsJson"].Value);
        }

        [Fact]
        public void MixedCaseEmailsArriveAsWritten()
        {
            string file = _sandbox.Files.Create("call.wav");
            PwshResult result = _sandbox.Run(
                "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ' Ana.Lopez@ACME.com ' -RecordedAt '2024-01-15T14:30:00Z' -Contact 'Bob.Smith@Client.COM', @{ Email = 'CAROL@client.com' }",
                file).ThrowIfFailed();

            Assert.Equal("Ana.Lopez@ACME.com", result.Property<string>(0, "Teammate"));
            PSObject received = Assert.Single(_sandbox.Received());
            Assert.Equal("Ana.Lopez@ACME.com", (string)received.Properties["Teammate"].Value);
            Assert.Equal("[{\"email\":\"Bob.Smith@Client.COM\"},{\"email\":\"CAROL@client.com\"}]", (string)received.Properties["ContactsJson"].Value);
        }

        private const string EveryValueType =
            "[ordered]@{ text = 'Zoë \"Z\" <b>&'; int = [int]42; negative = -7; long = [long]9007199254740993; double = 3.25; tiny = 0.1; "
            + "decimal = [decimal]::MaxValue; true = $true; false = $false; none = $null }";

        private const string EveryValueTypeJson =
            "\"custom_fields\":[{\"key\":\"text\",\"value\":\"Zoë \\\"Z\\\" <b>&\"},{\"key\":\"int\",\"value\":42},{\"key\":\"negative\",\"value\":-7},"
            + "{\"key\":\"long\",\"value\":9007199254740993},{\"key\":\"double\",\"value\":3.25},{\"key\":\"tiny\",\"value\":0.1},"
            + "{\"key\":\"decimal\",\"value\":79228162514264337593543950335},{\"key\":\"true\",\"value\":true},{\"key\":\"false\",\"value\":false},"
            + "{\"key\":\"none\",\"value\":null}]";

        [Theory]
        [InlineData("@{ Email = 'bob@client.com'; CustomField = " + EveryValueType + " }")]
        [InlineData("(New-AlpharunContact -Email bob@client.com -CustomField (" + EveryValueType + "))")]
        [InlineData("([pscustomobject]@{ email = 'bob@client.com'; custom_fields = " + EveryValueType + "; notes = 'ignored' })")]
        public void CustomFieldValuesOfEverySupportedTypeArriveIntact(string contact)
        {
            string file = _sandbox.Files.Create("call.wav");
            _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -RecordedAt '2024-01-15T14:30:00Z' -Contact {contact}", file).ThrowIfFailed();

            Assert.Equal("[{\"email\":\"bob@client.com\"," + EveryValueTypeJson + "}]", (string)Assert.Single(_sandbox.Received()).Properties["ContactsJson"].Value);
        }
    }
}
