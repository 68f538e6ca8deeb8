<#
.SYNOPSIS
    Runs the Pester suite under one Pester version and writes its counts as JSON.
.DESCRIPTION
    build.ps1 -Task Test starts this once per Pester version, each in its own pwsh process, so two versions of
    Pester are never loaded into one session.
#>
[CmdletBinding()]
param(
    # Pester.psd1 of the version to run under (from the NuGet package's tools/ folder).
    [Parameter(Mandatory)] [string] $PesterManifest,
    # Where to write {"Pester": version, "Passed": n, "Failed": n, "Skipped": n, "Failures": ["name: first line"]}.
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $Path = $PSScriptRoot
)

$ErrorActionPreference = 'Stop'
$pester = Import-Module -Name $PesterManifest -Force -PassThru

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
# Plain text: CI logs show no escape codes.
$configuration.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $configuration

# A failed BeforeAll/AfterAll or a file that does not parse fails no single test: count it as a failure too.
[ordered]@{
    Pester  = $pester.Version.ToString()
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
    Failures = @(
        foreach ($test in $result.Failed) { '{0}: {1}' -f $test.ExpandedPath, "$($test.ErrorRecord | Select-Object -First 1)" }
        foreach ($block in @($result.FailedBlocks) + @($result.FailedContainers)) { '{0}: setup failed' -f $(if ($block.ExpandedPath) { $block.ExpandedPath } else { $block.Item }) }
    )
} | ConvertTo-Json | Set-Content -LiteralPath $ResultPath -Encoding utf8
# The exit code says it too, for callers that do not read the file (CI's .ci/pester.ps1 reads both).
if ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount -gt 0) { exit 1 }
