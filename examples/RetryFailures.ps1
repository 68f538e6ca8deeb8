<#
.SYNOPSIS
    Sends again the files an earlier run failed on, as listed in a failures CSV (a Path column), e.g. the
    failures.csv that NightlyUpload.ps1 writes.
.DESCRIPTION
    Retries are safe: the API answers 200 with the same id for a recording it already has. Passing the same
    -Journal as the earlier run also skips anything that was accepted in the meantime. Rows whose ErrorId says the
    file itself is unusable (NotAudio, EmptyFile, InvalidFileName) or that name a folder that could not be listed are
    left out: sending them again cannot succeed until someone fixes them.

    Exit codes, as NightlyUpload.ps1: 0 every file accepted, already there, skipped or still being recorded; 1 some
    files failed again; 2 the run stopped early (key refused, rate limit too long, API unreachable, journal write
    failed, Ctrl+C); 3 it could not start (no failures CSV, no key, an address the module refuses).
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

$setupErrors = 'ApiKeyMissing', 'InvalidApiKey', 'InvalidBaseUri', 'InsecureBaseUri', 'InvalidProxy', 'NotAlpharunApi',
    'JournalUnavailable', 'InvalidTeammate', 'MissingTeammate', 'InvalidContact', 'MissingContact', 'DuplicateContact', 'InvalidCustomField'
$notRetried = 'NotAudio', 'EmptyFile', 'InvalidFileName', 'FolderUnreadable'

if (-not (Test-Path -LiteralPath $FailureLog -PathType Leaf)) {
    [Console]::Error.WriteLine("The failures CSV '$FailureLog' does not exist. Nothing was sent.")
    exit 3
}
try {
    Import-Module Alpharun -ErrorAction Stop
}
catch {
    [Console]::Error.WriteLine("The job cannot start: $($_.Exception.Message)")
    exit 3
}

$send = @{ Teammate = $Teammate; Contact = $Contact; MaxRetries = $MaxRetries }
if ($Journal) { $send.Journal = $Journal }

$rows = @(Import-Csv -LiteralPath $FailureLog | Where-Object { $_.Path })
$left = @($rows | Where-Object { $notRetried -contains $_.ErrorId })
if ($left) { Write-Host ("{0} row(s) left out: the file itself cannot be sent ({1})." -f $left.Count, (($left.ErrorId | Select-Object -Unique) -join ', ')) }

$stopped = $null
$ended = $false
# Collected as they come, so a run that stops early still shows what the API accepted before the stop.
$uploads = [Collections.Generic.List[object]]::new()
try {
    $rows | Where-Object { $notRetried -notcontains $_.ErrorId } |
        Select-Object -ExpandProperty Path -Unique |
        Send-AlpharunRecording @send -SummaryVariable run -ErrorVariable failed -ErrorAction Continue |
        ForEach-Object { $uploads.Add($_) }
    $ended = $true
}
catch {
    $stopped = $_
    $ended = $true
}
finally {
    if (-not $ended) { [Environment]::Exit(2) }
}

# Shown before 'exit': under 'pwsh -File', exit ends the process before the host prints a table it is still building.
$uploads | Out-Host
if ($run) { Write-Host $run.ToString() }

if ($stopped) {
    [Console]::Error.WriteLine("The run stopped early: $stopped")
    if ($run -and $setupErrors -contains $run.StoppedBy) { exit 3 }
    exit 2
}
if ($run) { exit $run.ExitCode }
exit 0
