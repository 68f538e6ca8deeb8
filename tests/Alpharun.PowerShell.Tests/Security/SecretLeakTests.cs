using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>
    /// The API key never shows: not on any stream, in any error, object, journal or sandbox record, whatever the
    /// run does. The keys are chosen so that no 8-character window of them is all hex digits, so a GUID or a SHA-256
    /// cannot match one by chance.
    /// </summary>
    public sealed class SecretLeakTests : IDisposable
    {
        private const string Key = "sk_live_LEAKCANARY_01234qrst56789uvwxXYZ";
        private const string OtherKey = "sk_test_WRONGKEYZZ_98765mnop43210ghijKLM";

        private readonly Recordings _files = new Recordings();

        public void Dispose() => _files.Dispose();

        [Fact]
        public void NoScenarioShowsTheKeyOrAnyEightCharactersOfIt()
        {
            var seen = new LeakCollector();
            string journal = Path.Combine(_files.Folder, "state", "leak.journal");
            string[] calls = Enumerable.Range(1, 3).Select(i => _files.Create($"call-{i}.wav", 8192, seed: i)).ToArray();
            string empty = _files.Create("empty.wav", 0);
            int closedPort = ClosedLoopbackPort();

            using var session = new PwshSession();
            // The keys reach the session as variables, so no script text (and no InvocationInfo.Line) holds them.
            session.SetVariable("LeakKey", Key);
            session.SetVariable("OtherKey", OtherKey);
            session.SetVariable("Calls", calls);
            session.SetVariable("Empty", empty);
            session.SetVariable("Journal", journal);
            session.SetVariable("ClosedUri", $"http://127.0.0.1:{closedPort}/api/v1");
            const string Common = "-Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15T14:30:00Z'";

            seen.Add("start", session.Run(@"
                $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; $InformationPreference = 'Continue'; $ProgressPreference = 'Continue'
                $secure = { param($plain) ConvertTo-SecureString $plain -AsPlainText -Force }
                $global:Sandbox = Start-AlpharunSandbox -ApiKey (& $secure $LeakKey) -Verbose -Debug
                $Sandbox")).ThrowIfFailed();
            seen.Add("upload", session.Run($"$Calls | Send-AlpharunRecording {Common} -Verbose -Debug")).ThrowIfFailed();
            seen.Add("repeat", session.Run($"$Calls | Send-AlpharunRecording {Common} -Verbose -Debug")).ThrowIfFailed();
            seen.Add("what-if", session.Run($"Send-AlpharunRecording -LiteralPath $Calls[0] {Common} -WhatIf"));
            seen.Add("validation", session.Run(@"
                Send-AlpharunRecording -LiteralPath $Empty -Teammate ana@acme.com -Contact bob@client.com
                Send-AlpharunRecording -LiteralPath $Calls[0] -Teammate 'ana@acme' -Contact 'bob@@client.com', 'BOB@@client.com'
                Send-AlpharunRecording -LiteralPath $Calls[0] -Teammate ana@acme.com -Contact @{ Email = 'x@y.io'; CustomField = @{ when = (Get-Date) } }
                Send-AlpharunRecording -LiteralPath $Calls[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2099-01-01T00:00:00Z'
                Send-AlpharunRecording -LiteralPath (Join-Path (Split-Path $Calls[0]) 'missing.wav') -Teammate ana@acme.com -Contact bob@client.com
                try { Send-AlpharunRecording -LiteralPath $Calls[0] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-01-15 14:30' } catch { }
                try { Send-AlpharunRecording -LiteralPath $Calls[0] -Teammate ana@acme.com -Contact bob@client.com -PlaybookId 'pb-1' } catch { }
                try { Send-AlpharunRecording -LiteralPath $Calls[0] -Teammate ana@acme.com -Contact bob@client.com -TimeZone 'America/New_Yrok' } catch { }
                # The key as plain text where a SecureString belongs: PowerShell must not echo it in the binding error.
                try { Send-AlpharunRecording -LiteralPath $Calls[0] -Teammate ana@acme.com -Contact bob@client.com -ApiKey $LeakKey } catch { }
                try { Connect-Alpharun -ApiKey $LeakKey } catch { }"));
            seen.Add("wrong-key", session.Run($"try {{ Send-AlpharunRecording -LiteralPath $Calls[0] {Common} -ApiKey (& $secure $OtherKey) -Verbose -Debug }} catch {{ }}"));
            seen.Add("server-errors", session.Run(@"
                Add-AlpharunSandboxFault -StatusCode 503 -Count 2 -PassThru
                Send-AlpharunRecording -LiteralPath $Calls[1] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-02-01T00:00:00Z' -MaxRetries 1 -Verbose -Debug
                Add-AlpharunSandboxFault -StatusCode 503 -RetryAfter 0 -PassThru
                Send-AlpharunRecording -LiteralPath $Calls[1] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-02-01T00:00:00Z' -MaxRetries 1 -Verbose -Debug
                Add-AlpharunSandboxFault -DropConnection -AfterBytes 100 -PassThru
                Send-AlpharunRecording -LiteralPath $Calls[2] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-02-01T00:00:00Z' -MaxRetries 0 -Verbose -Debug
                Add-AlpharunSandboxFault -Stall '00:00:03' -PassThru
                Send-AlpharunRecording -LiteralPath $Calls[2] -Teammate ana@acme.com -Contact bob@client.com -RecordedAt '2024-02-02T00:00:00Z' -MaxRetries 0 -TimeoutSec 1 -Verbose -Debug
                Clear-AlpharunSandboxFault
                Send-AlpharunRecording -LiteralPath $Calls[0] -Teammate ana@acme.com -Contact bob@client.com -BaseUri $ClosedUri -ApiKey (& $secure $LeakKey) -MaxRetries 0 -Verbose -Debug"));
            seen.Add("journal", session.Run($"1..2 | ForEach-Object {{ $Calls | Send-AlpharunRecording {Common} -Journal $Journal -Verbose -Debug }}")).ThrowIfFailed();
            seen.Add("connect", session.Run($@"
                Connect-Alpharun -ApiKey (& $secure $LeakKey) -BaseUri $Sandbox.BaseUri -Verbose -Debug
                Send-AlpharunRecording -LiteralPath $Calls[0] {Common} -Verbose -Debug
                try {{ Connect-Alpharun -ApiKey (& $secure $LeakKey) -BaseUri 'http://192.0.2.1/api/v1' -Verbose -Debug }} catch {{ }}
                try {{ Send-AlpharunRecording -LiteralPath $Calls[0] {Common} -ApiKey (& $secure $LeakKey) -BaseUri 'http://192.0.2.1/api/v1' -MaxRetries 0 -TimeoutSec 1 }} catch {{ }}"));
            seen.Add("contacts", session.Run(@"
                New-AlpharunContact -Email carol@client.com -PhoneNumber '+1 555 0100' -ExtId crm-1 -FirstName Carol -CustomField @{ tier = 'gold'; seats = 12 } -Verbose -Debug
                New-AlpharunContact -Email 'not-an-email' -Verbose -Debug
                New-AlpharunContact -Email dave@client.com -CustomField @{ bad = @(1, 2) } -Verbose -Debug"));
            seen.Add("sandbox-records", session.Run("Get-AlpharunSandboxRecording")).ThrowIfFailed();
            seen.Add("rendered", session.Run(@"
                Get-AlpharunSandboxRecording | Format-List * | Out-String -Width 400
                $Error | Format-List * -Force | Out-String -Width 400
                $Error | ForEach-Object { $_.Exception | Format-List * -Force | Out-String -Width 400 }")).ThrowIfFailed();
            seen.Add("stop", session.Run("Stop-AlpharunSandbox -Verbose -Debug; Get-AlpharunSandboxRecording; Stop-AlpharunSandbox -Verbose"));
            PwshResult errors = session.Run("$Error").ThrowIfFailed();
            foreach (var error in errors.Output) seen.AddObject("$Error", error);
            seen.Add("journal-file", File.ReadAllText(journal));

            Assert.Empty(seen.FindLeaks(Key));
            Assert.Empty(seen.FindLeaks(OtherKey));

            // The scan is only worth something if the scenarios ran and the collector heard them.
            string all = string.Join("\n", seen.Texts.Select(t => t.Text));
            Assert.Contains(seen.Texts, t => t.Source.EndsWith("/debug", StringComparison.Ordinal) && t.Text.Contains("| Authorization: Bearer *** |", StringComparison.Ordinal));
            Assert.Contains("Created", all);
            Assert.Contains("AlreadyExisted", all);
            Assert.Contains("Skipped", all);
            Assert.Contains("retrying in", all);
            foreach (string id in new[] { "EmptyFile", "InvalidTeammate", "InvalidContact", "InvalidRecordedAt", "FileNotFound", "ParameterArgumentTransformationError", "CannotConvertArgumentNoMessage", "ApiKeyRejected", "ServerError", "ConnectionFailed", "Timeout", "InsecureBaseUri", "InvalidCustomField", "SandboxNotRunning", "InvalidTimeZone" })
            {
                Assert.Contains(seen.Texts, t => t.Text.StartsWith(id + ",", StringComparison.Ordinal));
            }
            Assert.Contains(seen.Texts, t => t.Source.EndsWith("/progress", StringComparison.Ordinal) && t.Text.StartsWith("Uploading recordings to Alpharun", StringComparison.Ordinal));
            Assert.Contains(seen.Texts, t => t.Source.EndsWith("/information", StringComparison.Ordinal) || t.Source.EndsWith("/verbose", StringComparison.Ordinal));
            Assert.Contains(seen.Texts, t => t.Source.StartsWith("sandbox-records/output.ContactsJson", StringComparison.Ordinal));
            Assert.Contains(seen.Texts, t => t.Source == "journal-file" && t.Text.Contains("\"recording_id\":", StringComparison.Ordinal));
            Assert.True(errors.Output.Count >= 15, $"$Error holds {errors.Output.Count} records");
        }

        [Fact]
        public void TheScanFindsAnyEightCharacterPieceOfTheKeyInAnyCase()
        {
            var seen = new LeakCollector();
            seen.Add("clean", "Authorization: Bearer *** | sk_live is a prefix only | 01234 56789");
            Assert.Empty(seen.FindLeaks(Key));

            seen.Add("middle", "…x" + Key.Substring(17, 8).ToLowerInvariant() + "y…");
            seen.Add("tail", "token=" + Key.Substring(Key.Length - 8));
            Assert.Equal(new[] { "middle", "tail" }, seen.FindLeaks(Key).Select(l => l.Substring(0, l.IndexOf(':'))));
        }

        private static int ClosedLoopbackPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
