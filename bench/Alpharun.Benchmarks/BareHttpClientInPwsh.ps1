<#
.SYNOPSIS
    The bare HttpClient loop (BareHttpClientMode, the harness's "httpclient" role) run inside a real pwsh process:
    the same compiled code, loaded from the harness's assembly, so the only difference from that role is the
    process around it (pwsh's own start-up and background work, its thread pool and JIT).

.DESCRIPTION
    -JobFile holds the role's arguments, one per line ("httpclient", then ClientJob's pairs). The loop does its own
    warm-up, timed section and result line, exactly as in its own process.
#>
param(
    [Parameter(Mandatory)][string] $Harness,
    [Parameter(Mandatory)][string] $JobFile
)

$ErrorActionPreference = 'Stop'
$null = [Reflection.Assembly]::LoadFrom($Harness)
$arguments = [string[]](Get-Content -LiteralPath $JobFile)
exit [Alpharun.Benchmarks.BareHttpClientMode]::RunAsync($arguments).GetAwaiter().GetResult()
