<#
.SYNOPSIS
    Builds and tests the Alpharun module; wraps the same dotnet commands the README gives.
.DESCRIPTION
    Build: dotnet build Alpharun.sln, which lays out the importable module in out/module/Alpharun.
    Test:  the xunit suite (core tests and the module hosted in the PowerShell 7.6 engine), then the Pester
           tests in tests/pester when Pester 5 is installed.
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$solution = Join-Path $PSScriptRoot 'Alpharun.sln'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

if ($Task -contains 'Build') {
    Invoke-Dotnet build $solution --configuration $Configuration
    Write-Host "Module laid out in $(Join-Path $PSScriptRoot 'out/module/Alpharun')"
}

if ($Task -contains 'Test') {
    Invoke-Dotnet test $solution --configuration $Configuration
    if (Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.0.0') {
        $result = Invoke-Pester -Path (Join-Path $PSScriptRoot 'tests/pester') -PassThru
        if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
    }
    else {
        Write-Warning 'Pester 5 is not installed: the Pester tests in tests/pester were skipped (Install-Module Pester).'
    }
}
