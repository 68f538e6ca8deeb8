# The module as PowerShell and the Gallery see it: what it exports, its manifest, its public parameters, and that every
# PowerShell file of the repository parses.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestKit.psm1') -Force
    Import-AlpharunUnderTest
    $script:manifest = Join-Path (Get-BuiltModuleRoot) 'Alpharun/Alpharun.psd1'
}

Describe 'The Alpharun module' {
    It 'exports exactly the public cmdlets when a new pwsh imports it by name' {
        $folder = New-TestFolder
        try {
            $script = Join-Path $folder 'import.ps1'
            Set-Content -LiteralPath $script -Value 'Import-Module Alpharun -PassThru -ErrorAction Stop | ForEach-Object { $_.ExportedCmdlets.Keys }'
            $run = Invoke-PwshFile -Path $script
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
        }

        $run.Error | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        [string[]] $exported = @($run.Lines | Where-Object { $_ })
        [Array]::Sort($exported, [StringComparer]::Ordinal)
        $exported | Should -BeExactly @(
            'Add-AlpharunSandboxFault', 'Clear-AlpharunSandboxFault', 'Connect-Alpharun', 'Disconnect-Alpharun', 'Get-AlpharunSandboxRecording', 'New-AlpharunContact',
            'Send-AlpharunRecording', 'Start-AlpharunSandbox', 'Stop-AlpharunSandbox'
        )
    }

    It 'has a built manifest that passes Test-ModuleManifest with the version of Directory.Build.props, PowerShell 5.1 and .NET Framework 4.7.2' {
        $version = ([xml](Get-Content -Raw -LiteralPath (Join-Path (Get-RepoRoot) 'Directory.Build.props'))).Project.PropertyGroup.AlpharunVersion
        $version | Should -Not -BeNullOrEmpty

        $tested = Test-ModuleManifest -Path $script:manifest -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $tested.Version.ToString() | Should -BeExactly $version
        $tested.PowerShellVersion.ToString() | Should -BeExactly '5.1'
        # Windows PowerShell 5.1 refuses the import on an older .NET Framework with a message that names 4.7.2.
        "$($tested.DotNetFrameworkVersion)" | Should -BeExactly '4.7.2'
    }

    It 'carries in its manifest every field the Gallery shows' {
        $m = Import-PowerShellDataFile -LiteralPath $script:manifest
        $shown = @(
            foreach ($key in 'RootModule', 'ModuleVersion', 'GUID', 'Author', 'CompanyName', 'Copyright', 'Description') { '{0}={1}' -f $key, [bool]$m[$key] }
            'Editions=' + ($m.CompatiblePSEditions -join ',')
            'Formats=' + ($m.FormatsToProcess -join ',')
            'Types=' + ($m.TypesToProcess -join ',')
            'Wildcards=' + [bool]($m.CmdletsToExport | Where-Object { $_ -match '[*?]' })
            'Tags=' + [bool]$m.PrivateData.PSData.Tags
            foreach ($key in 'ProjectUri', 'LicenseUri', 'ReleaseNotes') { '{0}={1}' -f $key, [bool]$m.PrivateData.PSData[$key] }
        )

        # No types file: the Id alias is added to each object (IdAlias), which spares every import a type-table rebuild.
        $shown | Should -BeExactly @(
            'RootModule=True', 'ModuleVersion=True', 'GUID=True', 'Author=True', 'CompanyName=True', 'Copyright=True', 'Description=True',
            'Editions=Desktop,Core', 'Formats=Alpharun.Format.ps1xml', 'Types=', 'Wildcards=False', 'Tags=True',
            'ProjectUri=True', 'LicenseUri=True', 'ReleaseNotes=True'
        )
    }

    It 'keeps the public parameters of Send-AlpharunRecording with their aliases, and -Path at position 0' {
        $p = (Get-Command Send-AlpharunRecording).Parameters
        $shown = foreach ($name in 'Path', 'LiteralPath', 'Teammate', 'Contact', 'RecordedAt', 'TimeZone', 'PlaybookId', 'ApiKey', 'BaseUri', 'ThrottleLimit', 'MaxRetries', 'TimeoutSec', 'Journal', 'WhatIf', 'Confirm') {
            '{0}:{1}' -f $name, (($p[$name].Aliases | Sort-Object) -join '|')
        }

        $shown | Should -BeExactly @(
            'Path:FullName', 'LiteralPath:LP|PSPath', 'Teammate:teammate_email|TeammateEmail', 'Contact:contacts',
            'RecordedAt:recorded_at', 'TimeZone:', 'PlaybookId:playbook_id', 'ApiKey:', 'BaseUri:', 'ThrottleLimit:', 'MaxRetries:', 'TimeoutSec:', 'Journal:', 'WhatIf:wi', 'Confirm:cf'
        )
        $p['Path'].ParameterSets['Path'].Position | Should -Be 0
    }
}

Describe 'The libraries the module loads' {
    It 'takes from Dependencies/ on PowerShell 7.6 only TimeZoneConverter, which PowerShell lacks, once a time zone is used' {
        $folder = New-TestFolder
        try {
            $file = New-FakeRecording -Folder $folder -Name 'call.wav'
            $script = Join-Path $folder 'zone.ps1'
            Set-Content -LiteralPath $script -Value @'
param([string] $File)
Import-Module Alpharun -ErrorAction Stop
function Get-FromDependencies { @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.Location -and (Split-Path -Leaf (Split-Path -Parent $_.Location)) -eq 'Dependencies' } | ForEach-Object { $_.GetName().Name }) -join ',' }
'before: ' + (Get-FromDependencies)
$null = Send-AlpharunRecording -LiteralPath $File -Teammate ana@acme.com -Contact bob@client.com -TimeZone 'Eastern Standard Time' -RecordedAt '2024-07-15 09:15' -WhatIf -ErrorAction Stop
'after: ' + (Get-FromDependencies)
'@
            $run = Invoke-PwshFile -Path $script -ArgumentList $file
        }
        finally {
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction Ignore
        }

        $run.Error | Should -BeNullOrEmpty
        @($run.Lines | Where-Object { $_ -match '^(before|after): ' }) | Should -BeExactly @('before: ', 'after: TimeZoneConverter')
    }
}

Describe 'The repository' {
    It 'has no PowerShell file (.ps1, .psm1, .psd1) that fails to parse' {
        $root = Get-RepoRoot
        $files = @(Get-ChildItem -LiteralPath $root -Recurse -File -Force -Include '*.ps1', '*.psm1', '*.psd1' |
            Where-Object { $_.FullName.Substring($root.Length) -notmatch '(^|[\\/])(bin|obj|out)[\\/]' })
        $files.Name | Should -Contain 'build.ps1'
        $files.Name | Should -Contain 'Quickstart.ps1'
        @($files.Name -like '*.Tests.ps1').Count | Should -BeGreaterThan 0

        $problems = foreach ($file in $files) {
            $errors = $null
            $null = [Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref] $null, [ref] $errors)
            foreach ($e in $errors) { '{0}:{1}: {2}' -f $file.FullName, $e.Extent.StartLineNumber, $e.Message }
        }
        $problems | Should -BeNullOrEmpty
    }
}
