using System;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    public class ModuleTests
    {
        private static readonly string[] Cmdlets =
        {
            "Add-AlpharunSandboxFault", "Clear-AlpharunSandboxFault", "Connect-Alpharun", "Disconnect-Alpharun", "Get-AlpharunSandboxRecording", "New-AlpharunContact",
            "Send-AlpharunRecording", "Start-AlpharunSandbox", "Stop-AlpharunSandbox",
        };

        [Fact]
        public void ImportByNameExportsExactlyThePublicCmdlets()
        {
            using var session = new PwshSession(importModule: false);
            PwshResult result = session.Run("Import-Module Alpharun -PassThru | ForEach-Object { $_.ExportedCmdlets.Keys }").ThrowIfFailed();
            Assert.Equal(Cmdlets, result.Output.Select(o => (string)o.BaseObject).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void BuiltManifestPassesTestModuleManifest()
        {
            using var session = new PwshSession(importModule: false);
            PwshResult result = session.Run("Test-ModuleManifest -Path $args[0] | ForEach-Object { $_.Version.ToString(); $_.PowerShellVersion.ToString() }", PwshSession.ModuleManifest).ThrowIfFailed();
            Assert.Equal(new[] { PwshSession.ModuleVersion, "5.1" }, result.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public void ManifestCarriesWhatTheGalleryShows()
        {
            using var session = new PwshSession(importModule: false);
            PwshResult result = session.Run(@"
                $m = Import-PowerShellDataFile -LiteralPath $args[0]
                foreach ($key in 'RootModule','ModuleVersion','GUID','Author','CompanyName','Copyright','Description') { '{0}={1}' -f $key, [bool]$m[$key] }
                'Editions=' + ($m.CompatiblePSEditions -join ',')
                'Formats=' + ($m.FormatsToProcess -join ',')
                'Types=' + ($m.TypesToProcess -join ',')
                'Wildcards=' + [bool]($m.CmdletsToExport | Where-Object { $_ -match '[*?]' })
                'Tags=' + [bool]$m.PrivateData.PSData.Tags
                foreach ($key in 'ProjectUri','LicenseUri','ReleaseNotes') { '{0}={1}' -f $key, [bool]$m.PrivateData.PSData[$key] }",
                PwshSession.ModuleManifest).ThrowIfFailed();
            Assert.Equal(new object[]
            {
                "RootModule=True", "ModuleVersion=True", "GUID=True", "Author=True", "CompanyName=True", "Copyright=True", "Description=True",
                "Editions=Desktop,Core", "Formats=Alpharun.Format.ps1xml", "Types=Alpharun.Types.ps1xml", "Wildcards=False", "Tags=True",
                "ProjectUri=True", "LicenseUri=True", "ReleaseNotes=True",
            }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void SendAlpharunRecordingKeepsItsPublicParameters()
        {
            using var session = new PwshSession();
            PwshResult result = session.Run(@"
                $p = (Get-Command Send-AlpharunRecording).Parameters
                foreach ($name in 'Path','LiteralPath','Teammate','Contact','RecordedAt','PlaybookId','ApiKey','BaseUri','ThrottleLimit','MaxRetries','TimeoutSec','Journal','WhatIf','Confirm') {
                    '{0}:{1}' -f $name, (($p[$name].Aliases | Sort-Object) -join '|')
                }
                $p['Path'].ParameterSets['Path'].Position").ThrowIfFailed();
            Assert.Equal(new object[]
            {
                "Path:FullName", "LiteralPath:LP|PSPath", "Teammate:teammate_email|TeammateEmail", "Contact:contacts",
                "RecordedAt:recorded_at", "PlaybookId:playbook_id", "ApiKey:", "BaseUri:", "ThrottleLimit:", "MaxRetries:", "TimeoutSec:", "Journal:", "WhatIf:wi", "Confirm:cf", 0,
            }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void EveryPowerShellFileInTheRepoParses()
        {
            var files = Directory.EnumerateFiles(PwshSession.RepoRoot, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase))
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}out{Path.DirectorySeparatorChar}"))
                .ToList();
            Assert.Contains(files, f => f.EndsWith("build.ps1"));
            Assert.Contains(files, f => f.EndsWith(".Tests.ps1"));
            Assert.Contains(files, f => f.EndsWith("Quickstart.ps1"));

            var problems = files.SelectMany(f =>
            {
                Parser.ParseFile(f, out _, out ParseError[] errors);
                return errors.Select(e => $"{f}:{e.Extent.StartLineNumber}: {e.Message}");
            }).ToList();
            Assert.Empty(problems);
        }
    }
}
