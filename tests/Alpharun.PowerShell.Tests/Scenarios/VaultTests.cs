using System.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>Connect-Alpharun reads the key from a SecretManagement vault when that module is there.</summary>
    public class VaultTests
    {
        private const string Cmdlet = ",Alpharun.Commands.ConnectAlpharunCommand";

        // Stands in for Microsoft.PowerShell.SecretManagement's Get-Secret, which is not installable here.
        private const string FakeGetSecret = @"
            function global:Get-Secret {
                [CmdletBinding()] param([string] $Name, [string] $Vault)
                if ($Name -eq 'alpharun' -and $Vault -eq 'corp') { ConvertTo-SecureString 'sbx-key-from-vault' -AsPlainText -Force }
                else { Write-Error ""Get-Secret : The secret $Name was not found."" }
            }";

        [Fact]
        public void KeyFromAVaultConnectsTheSession()
        {
            using var recordings = new Recordings();
            using var session = new PwshSession();
            session.Run(FakeGetSecret).ThrowIfFailed();
            PwshResult result = session.Run(@"
                $sandbox = Start-AlpharunSandbox -ApiKey (ConvertTo-SecureString 'sbx-key-from-vault' -AsPlainText -Force)
                Disconnect-Alpharun
                Connect-Alpharun -VaultName corp -SecretName alpharun -BaseUri $sandbox.BaseUri
                (Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com).Status.ToString()",
                recordings.Create("vault.wav")).ThrowIfFailed();
            Assert.Equal("Created", result.Output.Single().BaseObject);
        }

        [Fact]
        public void MissingSecretIsAClearError()
        {
            using var session = new PwshSession();
            session.Run(FakeGetSecret).ThrowIfFailed();
            PwshResult result = session.Run("Connect-Alpharun -VaultName corp -SecretName nope");
            var error = Assert.Single(result.Errors);
            Assert.Equal("SecretNotFound" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("'nope'", error.Exception.Message);
        }

        [Fact]
        public void WithoutSecretManagementTheErrorSaysWhatToInstall()
        {
            using var session = new PwshSession();
            PwshResult result = session.Run("Connect-Alpharun -VaultName corp -SecretName alpharun");
            var error = Assert.Single(result.Errors);
            Assert.Equal("SecretManagementMissing" + Cmdlet, error.FullyQualifiedErrorId);
            Assert.Contains("Install-Module Microsoft.PowerShell.SecretManagement", error.Exception.Message);
        }
    }
}
