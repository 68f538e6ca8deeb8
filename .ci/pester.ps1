<#
.SYNOPSIS
    Runs the Pester suite (tests/pester) under the PowerShell that runs this script: once per Pester version, each
    in its own process of that same PowerShell. CI uses it where the suite cannot run through build.ps1: Windows
    PowerShell 5.1 (powershell.exe) and PowerShell 7.6 on Windows and macOS (.github/workflows/ci.yml).
.DESCRIPTION
    Needs the module built (dotnet build Alpharun.sln) and Pester restored (dotnet restore
    tests/pester/Pester.Restore.csproj). Prints each version's counts and failures; exits 1 when a test failed or
    a run wrote no results.
#>
param(
    [string[]] $PesterVersion = @('5.7.1', '6.2.0'),
    # One test file or folder instead of the whole suite.
    [string] $Path = (Join-Path (Split-Path -Parent $PSScriptRoot) 'tests/pester')
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$runner = Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1'
$assets = Get-Content -LiteralPath (Join-Path $root 'tests/pester/obj/project.assets.json') -Raw | ConvertFrom-Json
$packages = @($assets.packageFolders.PSObject.Properties.Name)[0]

# This same PowerShell: powershell.exe (5.1, on .NET Framework: no Environment.ProcessPath), pwsh, or 'dotnet pwsh.dll'.
$process = [Environment]::ProcessPath
if (-not $process) { $process = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName }
$self = @($process)
if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') { $self += Join-Path $PSHOME 'pwsh.dll' }
Write-Host "PowerShell $($PSVersionTable.PSVersion) $($PSVersionTable.PSEdition) on $([Environment]::OSVersion.VersionString): $($self -join ' ')"

$failed = $false
foreach ($version in $PesterVersion) {
    $manifest = Join-Path $packages "pester/$version/tools/Pester.psd1"
    $result = Join-Path ([IO.Path]::GetTempPath()) "alpharun-pester-$version-$PID.json"
    $arguments = @($self | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $runner, '-PesterManifest', $manifest, '-ResultPath', $result, '-Path', $Path)
    & $self[0] @arguments | Out-Host
    if (-not (Test-Path -LiteralPath $result)) {
        Write-Host "Pester ${version}: no results (exit code $LASTEXITCODE)"
        $failed = $true
        continue
    }
    $counts = Get-Content -LiteralPath $result -Raw | ConvertFrom-Json
    Write-Host ("Pester {0}: {1} passed, {2} failed, {3} skipped" -f $version, $counts.Passed, $counts.Failed, $counts.Skipped)
    foreach ($failure in @($counts.Failures)) { if ($failure) { Write-Host "  $failure" } }
    if ($counts.Failed -gt 0) { $failed = $true }
}
if ($failed) { exit 1 }
