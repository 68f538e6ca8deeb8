using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using Alpharun.PowerShell.Tests.Security;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// The session cmdlets around the upload, in the hosted engine so mutation testing sees them (tests/pester holds
    /// the same as users meet it): Connect-Alpharun and Disconnect-Alpharun (keys, vaults, handed-in connections,
    /// proxies), the sandbox cmdlets, New-AlpharunContact and tab completion.
    /// </summary>
    public sealed class SessionCmdletTests : IDisposable
    {
        private const string KnownKey = "sbx_session_cmdlet_key";
        private const string Send = "Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z' -MaxRetries 0";
        private const string SecureKey = "(ConvertTo-SecureString '" + KnownKey + "' -AsPlainText -Force)";

        private readonly Recordings _files = new Recordings();
        private readonly PwshSession _session = new PwshSession();

        public void Dispose()
        {
            _session.Dispose();
            _files.Dispose();
        }

        private string StartSandboxWithKnownKey() =>
            _session.Run($"(Start-AlpharunSandbox -ApiKey {SecureKey}).BaseUri.AbsoluteUri").ThrowIfFailed().Output.Single().ToString();

        private static ErrorRecord OneError(PwshResult result)
        {
            Assert.Empty(result.Output);
            return result.SingleError();
        }

        private static string Id(string id, string cmdlet) => id + ",Alpharun.Commands." + cmdlet;

        [Fact]
        public void ConnectAlpharunKeepsTheKeyAndAddressForTheSessionAndDisconnectForgetsThem()
        {
            string file = _files.Create("call.wav");
            string baseUri = StartSandboxWithKnownKey();
            _session.Run("Disconnect-Alpharun").ThrowIfFailed();

            PwshResult connect = _session.Run($"Connect-Alpharun -ApiKey {SecureKey} -BaseUri $args[0] -Verbose", baseUri).ThrowIfFailed();
            PwshResult sent = _session.Run(Send, file).ThrowIfFailed();
            PwshResult disconnect = _session.Run("Disconnect-Alpharun -Verbose; Disconnect-Alpharun -Verbose").ThrowIfFailed();
            PwshResult missing = _session.Run(Send + " -BaseUri $args[1]", file, baseUri);

            Assert.Empty(connect.Output);
            Assert.Equal(new[] { $"Connected to {baseUri} for this session." }, connect.Verbose);
            Assert.Equal("Created", sent.Property<string>(0, "Status"));
            Assert.Equal(new[] { $"Disconnected from {baseUri}.", "There was no connection to forget." }, disconnect.Verbose);
            Assert.Equal(Id("ApiKeyMissing", "SendAlpharunRecordingCommand"), OneError(missing).FullyQualifiedErrorId);
        }

        [Fact]
        public void AWrongKeyFromConnectAlpharunIsRejectedByTheSandbox()
        {
            string file = _files.Create("call.wav");
            string baseUri = StartSandboxWithKnownKey();
            _session.Run("Connect-Alpharun -ApiKey (ConvertTo-SecureString 'not-the-key' -AsPlainText -Force) -BaseUri $args[0]", baseUri).ThrowIfFailed();

            ErrorRecord error = OneError(_session.Run(Send, file));

            Assert.Equal(Id("ApiKeyRejected", "SendAlpharunRecordingCommand"), error.FullyQualifiedErrorId);
        }

        [Fact]
        public void PassThruWritesTheConnectionThatAnotherSessionConnectsWith()
        {
            string file = _files.Create("call.wav");
            string baseUri = StartSandboxWithKnownKey();
            PSObject connection = _session.Run($"Connect-Alpharun -ApiKey {SecureKey} -BaseUri $args[0] -PassThru", baseUri).ThrowIfFailed().Output.Single();
            Assert.Equal("Alpharun.AlpharunConnection", connection.BaseObject.GetType().FullName);
            Assert.Equal(baseUri, ((Uri)connection.Properties["BaseUri"].Value).AbsoluteUri);

            using var other = new PwshSession();
            other.Run("$args[0] | Connect-Alpharun", connection).ThrowIfFailed();
            PwshResult sent = other.Run(Send, file).ThrowIfFailed();

            Assert.Equal("Created", sent.Property<string>(0, "Status"));
        }

        [Fact]
        public void ConnectAlpharunThroughAProxySaysSo()
        {
            PwshResult result = _session.Run("Connect-Alpharun -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -BaseUri https://api.example.test/api/v1 -Proxy http://proxy.example.test:8080 -Verbose").ThrowIfFailed();

            Assert.Equal(new[] { "Connected to https://api.example.test/api/v1 through proxy http://proxy.example.test:8080/ for this session." }, result.Verbose);
        }

        // -ProxyUseDefaultCredentials alone is the system proxy answered with the signed-in user's credentials (issue 19
        // item 8): ConnectAlpharunWithDefaultProxyCredentialsAloneUsesTheSystemProxy.
        [Theory]
        [InlineData("-ProxyCredential (New-Object PSCredential 'u', (ConvertTo-SecureString 'p' -AsPlainText -Force))", "-ProxyCredential needs -Proxy")]
        public void AProxyCredentialWithoutAProxyIsInvalidProxy(string parameter, string message)
        {
            ErrorRecord error = OneError(_session.Run("Connect-Alpharun -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) " + parameter));

            Assert.Equal(Id("InvalidProxy", "ConnectAlpharunCommand"), error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.StartsWith(message, error.Exception.Message);
        }

        [Fact]
        public void AnAddressThatIsNotHttpsOrLoopbackIsRefusedByConnectAlpharun()
        {
            ErrorRecord error = OneError(_session.Run("Connect-Alpharun -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -BaseUri http://api.example.test/api/v1"));

            Assert.Equal(Id("InsecureBaseUri", "ConnectAlpharunCommand"), error.FullyQualifiedErrorId);
            Assert.Equal(new Uri("http://api.example.test/api/v1"), error.TargetObject);
        }

        // Stands in for Microsoft.PowerShell.SecretManagement's Get-Secret, which is not installed here.
        private const string FakeGetSecret = @"
            function global:Get-Secret {
                [CmdletBinding()] param([string] $Name, [string] $Vault)
                switch ($Name) {
                    'secure' { ConvertTo-SecureString 'sbx_session_cmdlet_key' -AsPlainText -Force }
                    'text' { 'sbx_session_cmdlet_key' }
                    'blank' { '   ' }
                    'emptysecure' { [securestring]::new() }
                    'bytes' { [byte[]] (1, 2, 3) }
                    default { Write-Error ""Get-Secret : The secret $Name was not found."" }
                }
            }";

        [Theory]
        [InlineData("secure")]
        [InlineData("text")]
        public void ConnectAlpharunReadsTheKeyFromAVault(string secret)
        {
            string file = _files.Create("call.wav");
            string baseUri = StartSandboxWithKnownKey();
            _session.Run("Disconnect-Alpharun; " + FakeGetSecret).ThrowIfFailed();

            _session.Run($"Connect-Alpharun -VaultName corp -SecretName {secret} -BaseUri $args[0]", baseUri).ThrowIfFailed();
            PwshResult sent = _session.Run(Send, file).ThrowIfFailed();

            Assert.Equal("Created", sent.Property<string>(0, "Status"));
        }

        [Theory]
        [InlineData("blank")]
        [InlineData("emptysecure")]
        [InlineData("bytes")]
        public void ASecretThatIsEmptyOrNotTextIsSecretNotUsable(string secret)
        {
            _session.Run(FakeGetSecret).ThrowIfFailed();

            ErrorRecord error = OneError(_session.Run($"Connect-Alpharun -VaultName corp -SecretName {secret}"));

            Assert.Equal(Id("SecretNotUsable", "ConnectAlpharunCommand"), error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(secret, error.TargetObject);
            Assert.StartsWith($"The secret '{secret}' in vault 'corp' is empty or not text.", error.Exception.Message);
        }

        [Fact]
        public void ASecretTheVaultDoesNotHaveIsSecretNotFound()
        {
            _session.Run(FakeGetSecret).ThrowIfFailed();

            ErrorRecord error = OneError(_session.Run("Connect-Alpharun -VaultName corp -SecretName nope"));

            Assert.Equal(Id("SecretNotFound", "ConnectAlpharunCommand"), error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("nope", error.TargetObject);
            Assert.StartsWith("The secret 'nope' could not be read from vault 'corp': ", error.Exception.Message);
        }

        [Fact]
        public void WithoutGetSecretConnectAlpharunSaysToInstallSecretManagement()
        {
            ErrorRecord error = OneError(_session.Run("Connect-Alpharun -VaultName corp -SecretName alpharun"));

            Assert.Equal(Id("SecretManagementMissing", "ConnectAlpharunCommand"), error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.NotInstalled, error.CategoryInfo.Category);
            Assert.Equal("corp", error.TargetObject);
            Assert.Contains("Install-Module Microsoft.PowerShell.SecretManagement", error.Exception.Message);
        }

        [Fact]
        public void StartAlpharunSandboxReportsWhereItListensAndConnectsTheSession()
        {
            PwshResult result = _session.Run("Start-AlpharunSandbox -Verbose").ThrowIfFailed();

            PSObject info = Assert.Single(result.Output);
            int port = (int)info.Properties["Port"].Value;
            var baseUri = (Uri)info.Properties["BaseUri"].Value;
            Assert.Equal($"http://127.0.0.1:{port}/api/v1", baseUri.AbsoluteUri);
            Assert.Equal(baseUri.AbsoluteUri, info.ToString());
            Assert.InRange((DateTimeOffset)info.Properties["StartedAt"].Value, DateTimeOffset.Now.AddMinutes(-5), DateTimeOffset.Now);
            Assert.Equal(baseUri, ((dynamic)info.Properties["Connection"].Value).BaseUri);
            Assert.Equal(new[] { $"The sandbox listens at {baseUri}; this session is connected to it. Stop-AlpharunSandbox stops it." }, result.Verbose);
            Assert.Equal(new[] { $"Stopped the sandbox at {baseUri}. The session is no longer connected: it had no connection before Start-AlpharunSandbox.", "No sandbox was running in this session." }, _session.Run("Stop-AlpharunSandbox -Verbose; Stop-AlpharunSandbox -Verbose").ThrowIfFailed().Verbose);
        }

        [Fact]
        public void ConnectAlpharunWithDefaultProxyCredentialsAloneUsesTheSystemProxy()
        {
            PwshResult result = _session.Run("Connect-Alpharun -ApiKey (ConvertTo-SecureString 'k' -AsPlainText -Force) -ProxyUseDefaultCredentials -Verbose").ThrowIfFailed();

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "Connected to https://api.alpharun.com/api/v1 through the system proxy, answered with the signed-in user's credentials, for this session." }, result.Verbose);
        }

        /// <summary>Runs <paramref name="test"/> with a loopback port another program (a listener of the test's) holds.</summary>
        private static void WithATakenPort(Action<int> test)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                test(((IPEndPoint)listener.LocalEndpoint).Port);
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public void ASandboxOnAPortAnotherProgramHoldsIsSandboxStartFailed() => WithATakenPort(port =>
        {
            ErrorRecord error = OneError(_session.Run($"Start-AlpharunSandbox -Port {port}"));

            Assert.Equal(Id("SandboxStartFailed", "StartAlpharunSandboxCommand"), error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Equal(port, error.TargetObject);
            Assert.StartsWith($"The sandbox could not listen on 127.0.0.1:{port}: Port {port} on 127.0.0.1 is already in use by another program.", error.Exception.Message);
        });

        [Fact]
        public void ASecondSandboxOnATakenPortLeavesTheRunningOneRunningAndConnected()
        {
            var running = (Uri)Assert.Single(_session.Run("Start-AlpharunSandbox").ThrowIfFailed().Output).Properties["BaseUri"].Value;

            WithATakenPort(port =>
            {
                ErrorRecord error = OneError(_session.Run($"Start-AlpharunSandbox -Port {port}"));

                Assert.Equal(Id("SandboxStartFailed", "StartAlpharunSandboxCommand"), error.FullyQualifiedErrorId);
            });

            // The sandbox that ran before still listens, and the session still uses it.
            Assert.True(LoopbackPort.Accepts(running.Port), $"the sandbox at {running} stopped when the second could not start");
            string file = _files.Create("after.wav", seed: 3);
            PSObject sent = Assert.Single(_session.Run("Send-AlpharunRecording -Path $args[0] -Teammate ana@acme.com -Contact bob@client.com", file).ThrowIfFailed().Output);
            Assert.Equal("Created", sent.Properties["Status"].Value.ToString());
            Assert.Equal(new object[] { "after.wav" }, _session.Run("(Get-AlpharunSandboxRecording).FileName").ThrowIfFailed().Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void AStartOnThePortTheRunningSandboxHoldsReplacesIt()
        {
            int port = (int)Assert.Single(_session.Run("Start-AlpharunSandbox").ThrowIfFailed().Output).Properties["Port"].Value;

            PSObject second = Assert.Single(_session.Run($"Start-AlpharunSandbox -Port {port}").ThrowIfFailed().Output);

            Assert.Equal(port, (int)second.Properties["Port"].Value);
        }

        [Fact]
        public void TheSandboxRefusesATeammateWithoutRoutingUnlessAPlaybookIsGiven()
        {
            string one = _files.Create("one.wav", seed: 1), two = _files.Create("two.wav", seed: 2);
            _session.Run("Start-AlpharunSandbox -TeammateWithoutRouting NEW@acme.com | Out-Null").ThrowIfFailed();

            PwshResult refused = _session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate new@acme.com -Contact bob@client.com -MaxRetries 0", one);
            PwshResult routed = _session.Run("Send-AlpharunRecording -LiteralPath $args[0] -Teammate new@acme.com -Contact bob@client.com -PlaybookId 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b", two).ThrowIfFailed();

            Assert.Equal(Id("NoPlaybookRouting", "SendAlpharunRecordingCommand"), OneError(refused).FullyQualifiedErrorId);
            Assert.Equal("Created", routed.Property<string>(0, "Status"));
        }

        [Fact]
        public void WithoutASandboxTheFaultAndRecordingCmdletsSaySoAndClearDoesNothing()
        {
            ErrorRecord add = OneError(_session.Run("Add-AlpharunSandboxFault -StatusCode 503"));
            ErrorRecord get = OneError(_session.Run("Get-AlpharunSandboxRecording"));
            PwshResult clear = _session.Run("Clear-AlpharunSandboxFault -Verbose").ThrowIfFailed();

            Assert.Equal(Id("SandboxNotRunning", "AddAlpharunSandboxFaultCommand"), add.FullyQualifiedErrorId);
            Assert.Equal(Id("SandboxNotRunning", "GetAlpharunSandboxRecordingCommand"), get.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, get.CategoryInfo.Category);
            Assert.Equal(new[] { "No sandbox is running in this session." }, clear.Verbose);
        }

        [Fact]
        public void FaultsQueueInOrderShowWithPassThruAndClearDropsThem()
        {
            _session.Run("Start-AlpharunSandbox | Out-Null; " + SandboxedSession.DefineProbe).ThrowIfFailed();

            PwshResult added = _session.Run(@"
                Add-AlpharunSandboxFault -StatusCode 429 -RetryAfter 7 -Count 2 -PassThru -Verbose
                Add-AlpharunSandboxFault -DropConnection -AfterBytes 1000 -PassThru
                Add-AlpharunSandboxFault -Stall '00:00:02' -PassThru
                Add-AlpharunSandboxFault -StatusCode 503").ThrowIfFailed();
            string[] pending = _session.Run("(Get-TestSandboxServer).PendingFaults | ForEach-Object ToString").ThrowIfFailed().Output.Select(o => o.ToString()).ToArray();

            Assert.Equal(3, added.Output.Count);
            Assert.Equal(new[] { "Status", "DropConnection", "Stall" }, added.Output.Select(o => o.Properties["Kind"].Value.ToString()));
            Assert.Equal(2, (int)added.Output[0].Properties["Count"].Value);
            Assert.Equal(1000L, (long)added.Output[1].Properties["AfterBytes"].Value);
            Assert.Equal(TimeSpan.FromSeconds(2), (TimeSpan)added.Output[2].Properties["Delay"].Value);
            Assert.Equal(new[] { "Queued sandbox fault: " + added.Output[0] + "." }, added.Verbose);
            Assert.Equal(added.Output.Select(o => o.ToString()).Append(pending[3]), pending);
            Assert.Equal(4, pending.Length);
            _session.Run("Clear-AlpharunSandboxFault").ThrowIfFailed();
            Assert.Equal(0, _session.Run("@((Get-TestSandboxServer).PendingFaults).Count").ThrowIfFailed().Output.Select(o => (int)o.BaseObject).Single());
        }

        [Fact]
        public void AFaultTheSandboxCannotSendIsInvalidSandboxFaultAndNothingIsQueued()
        {
            _session.Run("Start-AlpharunSandbox | Out-Null; " + SandboxedSession.DefineProbe).ThrowIfFailed();

            ErrorRecord error = OneError(_session.Run("Add-AlpharunSandboxFault -StatusCode 429 -RetryAfter ' 5'"));

            Assert.Equal(Id("InvalidSandboxFault", "AddAlpharunSandboxFaultCommand"), error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(0, _session.Run("@((Get-TestSandboxServer).PendingFaults).Count").ThrowIfFailed().Output.Select(o => (int)o.BaseObject).Single());
        }

        [Fact]
        public void GetAlpharunSandboxRecordingListsEveryAcceptedUploadOrOnlyTheIdsAsked()
        {
            string[] files = { _files.Create("a.wav", seed: 1), _files.Create("b.wav", seed: 2), _files.Create("c.wav", seed: 3) };
            _session.Run("Start-AlpharunSandbox | Out-Null").ThrowIfFailed();
            Guid[] ids = _session.Run("$args | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -ThrottleLimit 1", files.Cast<object>().ToArray()).ThrowIfFailed()
                .Output.Select(o => (Guid)o.Properties["RecordingId"].Value).ToArray();

            PSObject[] all = _session.Run("Get-AlpharunSandboxRecording").ThrowIfFailed().Output.ToArray();
            PSObject[] asked = _session.Run("Get-AlpharunSandboxRecording -RecordingId $args[0], $args[1]", ids[2], ids[0]).ThrowIfFailed().Output.ToArray();
            PSObject[] piped = _session.Run("[pscustomobject]@{ RecordingId = $args[0] } | Get-AlpharunSandboxRecording", ids[1]).ThrowIfFailed().Output.ToArray();

            Assert.Equal(new[] { "a.wav", "b.wav", "c.wav" }, all.Select(r => (string)r.Properties["FileName"].Value));
            Assert.Equal(ids, all.Select(r => (Guid)r.Properties["Id"].Value));
            Assert.Equal(new[] { ids[0], ids[2] }, asked.Select(r => (Guid)r.Properties["RecordingId"].Value));
            Assert.Equal(new[] { ids[1] }, piped.Select(r => (Guid)r.Properties["RecordingId"].Value));
        }

        [Fact]
        public void NewAlpharunContactMakesATypedContactWithEveryField()
        {
            PwshResult result = _session.Run("New-AlpharunContact -Email bob@client.com -PhoneNumber '+15551234567' -ExtId crm-1 -FirstName Bob -LastName Li -CustomField ([ordered]@{ tier = 'gold'; seats = 12; vip = $true; note = $null; score = 4.5 })").ThrowIfFailed();

            PSObject contact = Assert.Single(result.Output);
            Assert.Equal("Alpharun.Contact", contact.BaseObject.GetType().FullName);
            Assert.Equal(("bob@client.com", "+15551234567", "crm-1", "Bob", "Li"),
                ((string)contact.Properties["Email"].Value, (string)contact.Properties["PhoneNumber"].Value, (string)contact.Properties["ExtId"].Value, (string)contact.Properties["FirstName"].Value, (string)contact.Properties["LastName"].Value));
            Assert.Equal("tier=gold, seats=12, vip=True, note=null, score=4.5",
                string.Join(", ", ((System.Collections.IEnumerable)contact.Properties["CustomFields"].Value).Cast<object>().Select(f => f.ToString())));
        }

        [Theory]
        [InlineData("-Email b@c.io -CustomField @{ nested = @{ a = 1 } }", "InvalidCustomField", "System.Collections.Specialized.OrderedDictionary")]
        [InlineData("-Email b@c.io -CustomField @{ when = [datetime]'2024-01-01' }", "InvalidCustomField", "System.DateTime")]
        [InlineData("-FirstName Bob", "InvalidContact", "(contact)")]
        [InlineData("-Email 'not an email'", "InvalidContact", "not an email")]
        public void NewAlpharunContactRefusesWhatTheApiWouldWithOneError(string parameters, string errorId, string mentions)
        {
            ErrorRecord error = OneError(_session.Run("New-AlpharunContact " + parameters));

            Assert.Equal(Id(errorId, "NewAlpharunContactCommand"), error.FullyQualifiedErrorId);
            Assert.Contains(mentions, error.Exception.Message + " " + error.TargetObject);
        }

        [Theory]
        [InlineData("-FirstName Bob", "(contact)")]
        [InlineData("-Email 'not an email'", "not an email")]
        [InlineData("-PhoneNumber 'not a number'", "not a number")]
        [InlineData("-Email 'not an email' -PhoneNumber '+15551234567' -ExtId crm-1", "not an email")]
        [InlineData("-PhoneNumber 'not a number' -ExtId crm-1", "not a number")]
        public void NewAlpharunContactNamesTheContactByItsEmailPhoneOrExtIdInItsError(string parameters, string target)
        {
            ErrorRecord error = OneError(_session.Run("New-AlpharunContact " + parameters));

            Assert.Equal(Id("InvalidContact", "NewAlpharunContactCommand"), error.FullyQualifiedErrorId);
            Assert.Equal(target, error.TargetObject);
            Assert.StartsWith($"The contact {target}", error.Exception.Message);
        }

        [Fact]
        public void PathCompletionOffersFoldersAndAudioFilesOnly()
        {
            _files.Create("call.wav");
            _files.Create("call.mp3");
            _files.Create("notes.txt");
            System.IO.Directory.CreateDirectory(System.IO.Path.Combine(_files.Folder, "sub"));
            string line = "Send-AlpharunRecording -Path " + _files.Folder + System.IO.Path.DirectorySeparatorChar;

            string[] offered = Complete(line).Select(c => System.IO.Path.GetFileName(c.Trim('\'', '"'))).OrderBy(n => n, StringComparer.Ordinal).ToArray();

            Assert.Equal(new[] { "call.mp3", "call.wav", "sub" }, offered);
        }

        [Fact]
        public void TeammateAndPlaybookCompletionOfferThisSessionsValuesMostRecentFirst()
        {
            string[] files = Enumerable.Range(1, 3).Select(i => _files.Create($"{i}.wav", seed: i)).ToArray();
            _session.Run(@"
                $null = Start-AlpharunSandbox
                $null = Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com -PlaybookId 3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b
                $null = Send-AlpharunRecording -LiteralPath $args[1] -Teammate li@acme.com -Contact bob@client.com
                $null = Send-AlpharunRecording -LiteralPath $args[2] -Teammate ANA@acme.com -Contact bob@client.com", files[0], files[1], files[2]).ThrowIfFailed();

            Assert.Equal(new[] { "ANA@acme.com", "li@acme.com" }, Complete("Send-AlpharunRecording -Teammate "));
            Assert.Equal(new[] { "li@acme.com" }, Complete("Send-AlpharunRecording -Teammate 'L"));
            Assert.Equal(new[] { "3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b" }, Complete("Send-AlpharunRecording -PlaybookId 3F"));
            Assert.Empty(Complete("Send-AlpharunRecording -PlaybookId 4"));
        }

        private string[] Complete(string line) =>
            _session.Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches.CompletionText", line).ThrowIfFailed()
                .Output.Where(o => o != null).Select(o => o.ToString()).ToArray();
    }
}
