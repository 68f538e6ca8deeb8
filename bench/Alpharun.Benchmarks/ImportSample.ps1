<#
.SYNOPSIS
    One import sample, run by the harness in a fresh real pwsh process: imports an empty warm-up module untimed (so
    the engine's own first-import work is done, as in any session that has imported a module), then times
    Import-Module of the target alone.

.DESCRIPTION
    Protocol with the harness (bench/Shared): prints "BENCH-MARK start" and waits for a line on stdin, times the
    import, prints "BENCH-MARK end", then one "BENCH-RESULT {json}" line: Seconds and CpuSeconds of the import, and a
    Note naming the module version imported and the pwsh that imported it. The import must load the module from
    -ExpectedBase when that is given (not another copy on PSModulePath).
#>
param(
    [Parameter(Mandatory)][string] $WarmUp,
    [Parameter(Mandatory)][string] $Target,
    [string] $ExpectedBase
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'TimedSection.ps1')
Import-Module -Name $WarmUp

$timed = Measure-TimedSection { Import-Module -Name $Target -PassThru }

$module = @($timed.Result)[0]
if ($ExpectedBase -and [IO.Path]::GetFullPath($module.ModuleBase).TrimEnd('/') -ne [IO.Path]::GetFullPath($ExpectedBase).TrimEnd('/')) {
    [Console]::Error.WriteLine("Imported $($module.ModuleBase), expected $ExpectedBase.")
    exit 1
}
$report = [ordered]@{
    Files      = 0
    Seconds    = $timed.Seconds
    CpuSeconds = $timed.CpuSeconds
    Note       = "$($module.Name) $($module.Version) in pwsh $($PSVersionTable.PSVersion)"
}
Write-BenchResult $report
