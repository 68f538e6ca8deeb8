<#
.SYNOPSIS
    Sends again the files an earlier run failed on, as listed in a failures CSV (a Path column), e.g. the
    failures.csv that NightlyUpload.ps1 writes.
.DESCRIPTION
    Retries are safe: the API answers 200 with the same id for a recording it already has. Passing the same
    -Journal as the earlier run also skips anything that was accepted in the meantime.
.EXAMPLE
    ./RetryFailures.ps1 -FailureLog D:\Dialer\Recordings\.alpharun\failures.csv -Teammate ana@acme.com -Contact bob@client.com
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $FailureLog,
    [Parameter(Mandatory)] [string] $Teammate,
    [Parameter(Mandatory)] [object[]] $Contact,
    [string] $Journal,
    [ValidateRange(0, 20)] [int] $MaxRetries = 5
)

Import-Module Alpharun -ErrorAction Stop

$send = @{ Teammate = $Teammate; Contact = $Contact; MaxRetries = $MaxRetries }
if ($Journal) { $send.Journal = $Journal }

$uploads = Import-Csv -LiteralPath $FailureLog |
    Where-Object { $_.Path } |
    Select-Object -ExpandProperty Path -Unique |
    Send-AlpharunRecording @send -ErrorVariable failed -ErrorAction Continue

# Shown before 'exit': under 'pwsh -File', exit ends the process before the host prints a table it is still building.
$uploads | Out-Host

# A scheduled task reads the exit code: 0 when every file was accepted.
exit $(if (@($failed).Count -gt 0) { 1 } else { 0 })
