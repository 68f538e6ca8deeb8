using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// -Connection of Connect-Alpharun refuses a copy of a connection or sandbox from another process (Start-Job,
    /// Invoke-Command, Import-Clixml: a Deserialized.Alpharun.* property bag without the key) with a message that says
    /// what to do instead and names the copy's BaseUri when it has one; a live connection binds as itself
    /// (ConnectionTransformationAttribute). Import-Clixml makes the copy here, as a job's output would.
    /// </summary>
    public sealed class DeserializedConnectionTests : IDisposable
    {
        private const string Binding = "ParameterArgumentTransformationError,Alpharun.Commands.ConnectAlpharunCommand";

        private readonly PwshSession _session = new PwshSession();
        private readonly string _clixml = Path.Combine(Path.GetTempPath(), "alpharun-copy-" + Guid.NewGuid().ToString("N") + ".xml");

        public void Dispose()
        {
            _session.Dispose();
            File.Delete(_clixml);
        }

        private static string CopyMessage(string to) =>
            $"This is a copy of the connection{to} made in another process (by Start-Job, Invoke-Command or Import-Clixml), without its API key: "
            + "the key never leaves the process that holds it. Use Start-ThreadJob or ForEach-Object -Parallel, which run in this process, "
            + "with $using:connection | Connect-Alpharun; or connect inside the job with a key it reads itself: "
            + "Connect-Alpharun -VaultName <vault> -SecretName <name>, or $env:ALPHARUN_API_KEY and $env:ALPHARUN_BASE_URI set before Start-Job (a job inherits them).";

        private string StartSandbox() =>
            (string)_session.Run("$global:sandbox = Start-AlpharunSandbox; $global:sandbox.BaseUri.AbsoluteUri").ThrowIfFailed().Output.Single().BaseObject;

        private static void AssertRefusedAsACopy(PwshResult result, string to)
        {
            ErrorRecord error = result.SingleError();
            Assert.Equal(Binding, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal("Cannot process argument transformation on parameter 'Connection'. " + CopyMessage(to), error.Exception.Message);
            Assert.IsType<ArgumentTransformationMetadataException>(error.Exception.InnerException);
            Assert.Empty(result.Output);
        }

        [Theory]
        [InlineData("Connect-Alpharun -Connection $copy -PassThru")]
        [InlineData("$copy | Connect-Alpharun -PassThru")]
        public void AConnectionCopiedThroughClixmlIsRefusedNamingItsBaseUri(string connect)
        {
            string baseUri = StartSandbox();
            _session.Run("$global:sandbox.Connection | Export-Clixml -LiteralPath $args[0]", _clixml).ThrowIfFailed();

            PwshResult result = _session.Run("$copy = Import-Clixml -LiteralPath $args[0]; " + connect, _clixml);

            AssertRefusedAsACopy(result, " to " + baseUri);
        }

        [Fact]
        public void ASandboxCopiedThroughClixmlIsRefusedNamingItsBaseUri()
        {
            string baseUri = StartSandbox();
            _session.Run("$global:sandbox | Export-Clixml -LiteralPath $args[0]", _clixml).ThrowIfFailed();

            PwshResult result = _session.Run("Connect-Alpharun -Connection (Import-Clixml -LiteralPath $args[0])", _clixml);

            AssertRefusedAsACopy(result, " to " + baseUri);
        }

        [Theory]
        [InlineData("Deserialized.Alpharun.AlpharunConnection", "[pscustomobject]@{ Port = 1 }")]
        [InlineData("Deserialized.Alpharun.AlpharunConnection", "[pscustomobject]@{ BaseUri = '' }")]
        [InlineData("Deserialized.Alpharun.AlpharunConnection", "[pscustomobject]@{ BaseUri = $null }")]
        [InlineData("Deserialized.Alpharun.SandboxInfo", "[pscustomobject]@{ Port = 1 }")]
        public void ACopyWithoutABaseUriIsRefusedWithoutNamingOne(string typeName, string bag)
        {
            PwshResult result = _session.Run($"$copy = {bag}; $copy.PSObject.TypeNames.Insert(0, $args[0]); Connect-Alpharun -Connection $copy", typeName);

            AssertRefusedAsACopy(result, string.Empty);
        }

        [Fact]
        public void ACopyNamesItsBaseUriWhateverItsOtherTypeNames()
        {
            PwshResult result = _session.Run(
                "$copy = [pscustomobject]@{ BaseUri = 'https://api.example.test/v1' }; $copy.PSObject.TypeNames.Add('Deserialized.Alpharun.AlpharunConnection'); Connect-Alpharun -Connection $copy");

            AssertRefusedAsACopy(result, " to https://api.example.test/v1");
        }

        [Fact]
        public void AnObjectOfAnotherDeserializedTypeIsNotTakenForACopy()
        {
            PwshResult result = _session.Run(
                "$other = [pscustomobject]@{ BaseUri = 'https://api.example.test/v1' }; $other.PSObject.TypeNames.Insert(0, 'Deserialized.Alpharun.RecordingUpload'); Connect-Alpharun -Connection $other");

            ErrorRecord error = result.SingleError();
            Assert.Equal("CannotConvertArgumentNoMessage,Alpharun.Commands.ConnectAlpharunCommand", error.FullyQualifiedErrorId);
            Assert.DoesNotContain("copy of the connection", error.Exception.Message);
        }

        [Theory]
        [InlineData("Connect-Alpharun -Connection $global:sandbox.Connection -PassThru")]
        [InlineData("$global:sandbox.Connection | Connect-Alpharun -PassThru")]
        public void ALiveConnectionOfThisProcessBindsAsItself(string connect)
        {
            StartSandbox();

            PwshResult result = _session.Run($"$c = {connect}; [object]::ReferenceEquals($c, $global:sandbox.Connection)").ThrowIfFailed();

            Assert.True((bool)result.Output.Single().BaseObject);
        }
    }
}
