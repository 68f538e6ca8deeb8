<#
.SYNOPSIS
    Times Import-Module of one or more modules in real pwsh, each sample in a fresh process.
.DESCRIPTION
    Every sample is a new pwsh that first imports an empty manifest module (so the engine's own first-import costs are
    paid before the clock starts), then times Import-Module of the target alone with a Stopwatch. It also reports
    what the importing thread allocated and how many methods the JIT compiled for it meanwhile: on a busy machine
    the wall time is noisy, while those two barely move between samples. Targets are run in an order rotated each round, so none is
    always first. An empty module is always measured too, as the floor every module pays.

    Compare the built module with another build of it, with a module that ships with pwsh, or with a variant of
    the manifest: -Module before=/tmp/before/Alpharun/Alpharun.psd1,after=out/module/Alpharun/Alpharun.psd1.
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/perf/Measure-ImportCost.ps1 -Samples 15
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/perf/Measure-ImportCost.ps1 -Module before=/tmp/before/Alpharun/Alpharun.psd1,after=out/module/Alpharun/Alpharun.psd1,PSResourceGet=Microsoft.PowerShell.PSResourceGet
#>
[CmdletBinding()]
param(
    # name=path-or-name pairs, comma-separated or as an array. Default: the built module and PSResourceGet.
    [string[]] $Module = @("Alpharun=$(Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'out/module/Alpharun/Alpharun.psd1')", 'PSResourceGet=Microsoft.PowerShell.PSResourceGet'),
    [ValidateRange(1, 1000)] [int] $Samples = 11
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'PerfKit.ps1')
$targets = ConvertFrom-NamedPaths $Module


$scratch = Join-Path ([IO.Path]::GetTempPath()) ('alpharun-import-' + [guid]::NewGuid().ToString('N'))
$warmUp = Join-Path $scratch 'WarmUp/WarmUp.psd1'
$floor = Join-Path $scratch 'Floor/Floor.psd1'
foreach ($manifest in $warmUp, $floor) {
    $null = New-Item -ItemType Directory -Path (Split-Path $manifest) -Force
    Set-Content -LiteralPath $manifest -Value "@{ ModuleVersion = '1.0.0'; GUID = '$([guid]::NewGuid())' }"
}
$sample = Join-Path $scratch 'Sample.ps1'
Set-Content -LiteralPath $sample -Value @'
param([string] $WarmUp, [string] $Target)
Import-Module -Name $WarmUp
# This thread's figures only: background tier-1 recompilation comes and goes with the machine's load.
$methods = [System.Runtime.JitInfo]::GetCompiledMethodCount($true)
$allocated = [GC]::GetAllocatedBytesForCurrentThread()
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module -Name $Target -ErrorAction Stop
$clock.Stop()
'{0} {1} {2}' -f $clock.Elapsed.TotalMilliseconds, ([GC]::GetAllocatedBytesForCurrentThread() - $allocated), ([System.Runtime.JitInfo]::GetCompiledMethodCount($true) - $methods)
'@

$targets.Insert(0, 'empty module', $floor)
$names = @($targets.Keys)
$taken = @{}
foreach ($name in $names) { $taken[$name] = [Collections.Generic.List[double[]]]::new() }

try {
    for ($round = 0; $round -lt $Samples; $round++) {
        for ($k = 0; $k -lt $names.Count; $k++) {
            $name = $names[($k + $round) % $names.Count]
            $line = & $pwshExe @pwshArgs -NoProfile -NonInteractive -File $sample -WarmUp $warmUp -Target $targets[$name] | Select-Object -Last 1
            if ($LASTEXITCODE -ne 0) { throw "Importing $name failed: $line" }
            $taken[$name].Add([double[]]($line -split ' '))
        }
        Write-Verbose "Round $($round + 1) of $Samples done."
    }
}
finally {
    Remove-Item -LiteralPath $scratch -Recurse -Force -ErrorAction Ignore
}

$floorMs = Get-Median ($taken['empty module'] | ForEach-Object { $_[0] })
$(foreach ($name in $names) {
    $ms = [double[]]($taken[$name] | ForEach-Object { $_[0] })
    $median = Get-Median $ms
    [pscustomobject]@{
        Module           = $name
        Samples          = $ms.Count
        MedianMs         = [math]::Round($median, 1)
        MinMs            = [math]::Round(($ms | Measure-Object -Minimum).Minimum, 1)
        MaxMs            = [math]::Round(($ms | Measure-Object -Maximum).Maximum, 1)
        OverEmptyMs      = [math]::Round($median - $floorMs, 1)
        AllocatedKiB     = [math]::Round((Get-Median ($taken[$name] | ForEach-Object { $_[1] })) / 1KB)
        JitMethods       = Get-Median ($taken[$name] | ForEach-Object { $_[2] })
    }
}) | Format-Table -AutoSize | Out-String -Width 200
Write-Host "1-minute load average at the end: $((Get-Content -LiteralPath /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 1)"
