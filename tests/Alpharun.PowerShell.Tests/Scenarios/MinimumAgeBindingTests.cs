using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// How -MinimumAge binds (README "Recordings still being written"): a TimeSpan, TimeSpan text, or a number with a unit
    /// (s, m, h, d, any case); a bare number or number text has no unit and a negative age is refused before any file is
    /// read. Each form is judged by what it does to a file just younger and just older than the age it names. Found by
    /// the binding partition's mutation run (the parser's mutants had no test the tool runs; Pester's Readiness tests
    /// hold the same as users meet it).
    /// </summary>
    public sealed class MinimumAgeBindingTests : IDisposable
    {
        private const string Binding = ",Alpharun.Commands.SendAlpharunRecordingCommand";
        private const string Forms = "Pass a TimeSpan such as (New-TimeSpan -Minutes 10) or '00:10:00', or a number with its unit: '90s', '10m', '2h', '1d'.";

        private readonly SandboxedSession _sandbox = new SandboxedSession();

        public void Dispose() => _sandbox.Dispose();

        private string FileWrittenAgo(string name, TimeSpan ago)
        {
            string file = _sandbox.Files.Create(name, seed: name.Length);
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow - ago);
            return file;
        }

        [Theory]
        [InlineData("'90s'", 60, 120)]
        [InlineData("'2m'", 100, 150)]
        [InlineData("'2M'", 100, 150)]
        [InlineData("' 1.5 h '", 80 * 60, 100 * 60)]
        [InlineData("'1d'", 20 * 3600, 30 * 3600)]
        [InlineData("'00:10:00'", 9 * 60, 11 * 60)]
        [InlineData("(New-TimeSpan -Minutes 10)", 9 * 60, 11 * 60)]
        public void AFileYoungerThanTheAgeWaitsAndAnOlderOneIsSent(string age, int youngerSeconds, int olderSeconds)
        {
            string younger = FileWrittenAgo("younger.wav", TimeSpan.FromSeconds(youngerSeconds));
            string older = FileWrittenAgo("older-one.wav", TimeSpan.FromSeconds(olderSeconds));

            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args -Teammate ana@acme.com -Contact bob@client.com -MinimumAge {age}", younger, older);

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "InProgress", "Created" }, result.Output.Select(o => o.Properties["Status"].Value.ToString()));
            Assert.Equal(1, _sandbox.UploadRequestCount);
        }

        [Theory]
        [InlineData("600", "-MinimumAge 600 has no unit.")]
        [InlineData("2.5", "-MinimumAge 2.5 has no unit.")]
        [InlineData("'600'", "-MinimumAge '600' has no unit.")]
        [InlineData("'soon'", "-MinimumAge 'soon' is not a length of time.")]
        [InlineData("'10 minutes'", "-MinimumAge '10 minutes' is not a length of time.")]
        [InlineData("'-00:05:00'", "-MinimumAge '-00:05:00' is negative.")]
        [InlineData("(New-TimeSpan -Minutes -5)", "-MinimumAge '-00:05:00' is negative.")]
        public void AnAgeWithoutAUnitUnreadableOrNegativeIsRefusedBeforeAnyFileIsRead(string age, string says)
        {
            string file = FileWrittenAgo("call.wav", TimeSpan.FromHours(1));

            PwshResult result = _sandbox.Run($"Send-AlpharunRecording -LiteralPath $args -Teammate ana@acme.com -Contact bob@client.com -MinimumAge {age}", file);

            ErrorRecord error = result.SingleError();
            Assert.Equal("ParameterArgumentTransformationError" + Binding, error.FullyQualifiedErrorId);
            Assert.EndsWith($"{says} {Forms}", error.Exception.Message);
            Assert.Empty(result.Output);
            Assert.Equal(0, _sandbox.UploadRequestCount);
        }
    }
}
