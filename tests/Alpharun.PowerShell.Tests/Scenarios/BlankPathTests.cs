using System;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// A blank path (an empty -Path or -LiteralPath value, an empty array, a blank path cell of a piped row) is one
    /// MissingFile error in its place, and the other inputs go (ResolveInputs, MissingFile). Given as an argument it names
    /// the argument ("-Path value 2"), even while rows are piped for the other parameters; in a piped row it names the
    /// row and what else the row holds. Pester's "Blank cells of a CSV are the module's own errors" says the same at user
    /// level; these run where the mutation tool sees them.
    /// </summary>
    public sealed class BlankPathTests : IClassFixture<SharedSession>, IDisposable
    {
        private const string Cmdlet = SandboxedSession.Cmdlet;
        private const string Fields = "-Teammate ana@acme.com -Contact bob@client.com -RecordedAt 2024-01-15T14:30:00Z";
        private const string ArgumentAdvice = " is blank, so it names no file to send. Pass the path of an audio file.";
        private const string RowAdvice = " has a blank path, so it names no file to send. Fill in its path cell, or leave the row out.";

        private readonly SandboxedSession _sandbox;

        public BlankPathTests(SharedSession shared)
        {
            _sandbox = new SandboxedSession(shared);
        }

        public void Dispose() => _sandbox.Dispose();

        private static void AssertMissingFile(ErrorRecord error, string target, string message)
        {
            Assert.Equal("MissingFile" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(target, error.TargetObject);
            Assert.Equal(message, error.Exception.Message);
        }

        /// <summary>Output objects as their file names and errors as "E:target", in the order written (2>&amp;1).</summary>
        private static string[] Log(PwshResult result) => result.Output.Select(o => o.BaseObject is ErrorRecord e
            ? "E:" + e.TargetObject
            : "O:" + System.IO.Path.GetFileName((string)o.Properties["Path"].Value)).ToArray();

        [Theory]
        [InlineData("-Path ''", "-Path")]
        [InlineData("-LiteralPath ''", "-LiteralPath")]
        [InlineData("-Path '   '", "-Path")]
        [InlineData("-Path @()", "-Path")]
        [InlineData("-LiteralPath @()", "-LiteralPath")]
        [InlineData("-Path $null", "-Path")]
        public void ABlankPathArgumentAloneIsOneMissingFileNamingTheParameter(string path, string parameter)
        {
            PwshResult result = _sandbox.Run($"Send-AlpharunRecording {path} {Fields}");

            Assert.Null(result.Terminating);
            AssertMissingFile(Assert.Single(result.Errors), parameter + " value 1", parameter + ArgumentAdvice);
            Assert.Empty(result.Output);
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }

        [Theory]
        [InlineData("-Path")]
        [InlineData("-LiteralPath")]
        public void ABlankValueAmongPathArgumentsIsMissingFileInItsPlaceAndTheOthersAreSent(string parameter)
        {
            string a = _sandbox.Files.Create("a.wav", 4096, seed: 1);
            string b = _sandbox.Files.Create("b.wav", 4096, seed: 2);

            PwshResult result = _sandbox.Run($"Send-AlpharunRecording {parameter} $args[0], '', $args[1] {Fields} -ThrottleLimit 1 2>&1", a, b);

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { "O:a.wav", $"E:{parameter} value 2", "O:b.wav" }, Log(result));
            AssertMissingFile((ErrorRecord)result.Output[1].BaseObject, parameter + " value 2", parameter + " value 2" + ArgumentAdvice);
            Assert.Equal(new[] { "a.wav", "b.wav" }, _sandbox.ReceivedFileNames());
        }

        [Fact]
        public void TheLastOfThreeBlankPathArgumentsIsValueThree()
        {
            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -LiteralPath '', ' ', '' {Fields}");

            Assert.Equal(new[] { "-LiteralPath value 1", "-LiteralPath value 2", "-LiteralPath value 3" }, result.Errors.Select(e => e.TargetObject));
            Assert.Equal("-LiteralPath value 3" + ArgumentAdvice, result.Errors[2].Exception.Message);
            Assert.Empty(result.Output);
        }

        [Theory]
        [InlineData("-Path")]
        [InlineData("-LiteralPath")]
        public void ABlankPathArgumentWhileRowsArePipedForOtherParametersStillNamesTheArgument(string parameter)
        {
            // The rows bind -Teammate by property name; the path is the argument, so the error names it, not "input row 1".
            PwshResult result = _sandbox.Run(
                $"[pscustomobject]@{{ Teammate = 'ana@acme.com'; RecordedAt = '2024-01-15T14:30:00Z' }} | Send-AlpharunRecording {parameter} '' -Contact bob@client.com");

            Assert.Null(result.Terminating);
            AssertMissingFile(Assert.Single(result.Errors), parameter + " value 1", parameter + ArgumentAdvice);
            Assert.Empty(result.Output);
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void ABlankPathCellOfAPipedRowNamesTheRowAndItsOtherCellsAndTheOtherRowsAreSent()
        {
            string a = _sandbox.Files.Create("r1.wav", 4096, seed: 1);
            string c = _sandbox.Files.Create("r3.wav", 4096, seed: 3);

            PwshResult result = _sandbox.Run(
                "@([pscustomobject]@{ Path = $args[0]; Teammate = 'ana@acme.com'; Contact = 'bob@client.com'; RecordedAt = '2024-01-15T14:30:00Z' }, " +
                "[pscustomobject]@{ Path = ''; Teammate = ' carl@acme.com '; Contact = @(' a@x.com ', '', 'b@y.com'); RecordedAt = ' 2024-01-15T14:31:00Z ' }, " +
                "[pscustomobject]@{ Path = $args[1]; Teammate = 'ana@acme.com'; Contact = 'bob@client.com'; RecordedAt = '2024-01-15T14:32:00Z' }) | " +
                "Send-AlpharunRecording -ThrottleLimit 1 2>&1",
                a, c);

            Assert.Null(result.Terminating);
            Assert.Equal(new[] { "O:r1.wav", "E:input row 2", "O:r3.wav" }, Log(result));
            AssertMissingFile((ErrorRecord)result.Output[1].BaseObject, "input row 2",
                "Input row 2 (teammate_email carl@acme.com, contacts a@x.com; b@y.com, recorded_at 2024-01-15T14:31:00Z)" + RowAdvice);
            Assert.Equal(new[] { "r1.wav", "r3.wav" }, _sandbox.ReceivedFileNames());
        }

        [Fact]
        public void ARowWithABlankPathAndTheOtherFieldsAsArgumentsNamesThoseFields()
        {
            PwshResult result = _sandbox.Run($"[pscustomobject]@{{ Path = '' }} | Send-AlpharunRecording {Fields}");

            AssertMissingFile(Assert.Single(result.Errors), "input row 1",
                "Input row 1 (teammate_email ana@acme.com, contacts bob@client.com, recorded_at 2024-01-15T14:30:00Z)" + RowAdvice);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void ARowWhosePathIsAnEmptyArrayIsMissingFileForThatRow()
        {
            PwshResult result = _sandbox.Run("[pscustomobject]@{ Path = @(); Teammate = 'ana@acme.com'; Contact = 'bob@client.com' } | Send-AlpharunRecording");

            Assert.Null(result.Terminating);
            AssertMissingFile(Assert.Single(result.Errors), "input row 1",
                "Input row 1 (teammate_email ana@acme.com, contacts bob@client.com)" + RowAdvice);
            Assert.Empty(result.Output);
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }

        [Fact]
        public void ARowWithNothingButBlankCellsIsNamedByItsNumberAlone()
        {
            PwshResult result = _sandbox.Run("[pscustomobject]@{ Path = '  '; Teammate = ''; Contact = @('', ' '); RecordedAt = '' } | Send-AlpharunRecording");

            AssertMissingFile(Assert.Single(result.Errors), "input row 1", "Input row 1" + RowAdvice);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void ARowWhoseContactsAreAllBlankShowsNoContactsCell()
        {
            PwshResult result = _sandbox.Run("[pscustomobject]@{ Path = ''; Teammate = 'ana@acme.com'; Contact = @('', '  ') } | Send-AlpharunRecording");

            AssertMissingFile(Assert.Single(result.Errors), "input row 1", "Input row 1 (teammate_email ana@acme.com)" + RowAdvice);
        }

        [Fact]
        public void ARowWhoseOnlyCellIsAContactShowsJustThatContact()
        {
            PwshResult result = _sandbox.Run("[pscustomobject]@{ Path = ''; Teammate = ''; Contact = 'bob@client.com' } | Send-AlpharunRecording");

            AssertMissingFile(Assert.Single(result.Errors), "input row 1", "Input row 1 (contacts bob@client.com)" + RowAdvice);
        }
    }
}
