<#
.SYNOPSIS
    A nightly job: uploads the recordings that arrived since the last run, logs the ids, and keeps a list of failures.
.DESCRIPTION
    Meant for a scheduled task that nobody watches. The API key comes from $env:ALPHARUN_API_KEY (or an earlier
    Connect-Alpharun). A resume journal in the state folder makes every run send only files it has not sent
    before, even after a crash; each run appends the accepted files to a dated CSV log and rewrites
    failures.csv, which RetryFailures.ps1 takes. Exit code 0 when every file was accepted, 1 otherwise.
.EXAMPLE
    ./NightlyUpload.ps1 -Folder D:\Dialer\Recordings -Teammate ana@acme.com -Contact bob@client.com
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Folder,
    [Parameter(Mandatory)] [string] $Teammate,
    [Parameter(Mandatory)] [object[]] $Contact,
    # Where the journal, the logs and failures.csv are kept.
    [string] $StateFolder = (Join-Path $Folder '.alpharun'),
    [ValidateRange(1, 64)] [int] $ThrottleLimit = 4
)

Import-Module Alpharun -ErrorAction Stop

$null = New-Item -ItemType Directory -Path $StateFolder -Force
$journal = Join-Path $StateFolder 'uploads.journal'
$log = Join-Path $StateFolder ('uploads-{0:yyyy-MM-dd}.csv' -f (Get-Date))
$failureLog = Join-Path $StateFolder 'failures.csv'
$audio = '.wav', '.mp3', '.m4a', '.mp4', '.ogg', '.oga', '.opus', '.webm', '.flac', '.aac'

$results = Get-ChildItem -LiteralPath $Folder -File -Recurse |
    Where-Object { $audio -contains $_.Extension.ToLowerInvariant() } |
    Send-AlpharunRecording -Teammate $Teammate -Contact $Contact -Journal $journal -ThrottleLimit $ThrottleLimit `
        -ErrorVariable failed -ErrorAction SilentlyContinue

# Skipped (sent before) and InProgress (still being recorded: the next run sends it) were not sent now.
$sent = @($results | Where-Object Status -in 'Created', 'AlreadyExisted')
$sent | Select-Object @{ Name = 'UploadedAt'; Expression = { Get-Date -Format o } }, Path, Status, RecordingId |
    Export-Csv -LiteralPath $log -Append -NoTypeInformation

@($failed) | ForEach-Object {
    [pscustomobject]@{ Path = $_.TargetObject; ErrorId = $_.FullyQualifiedErrorId; Message = $_.Exception.Message }
} | Export-Csv -LiteralPath $failureLog -NoTypeInformation

$skipped = @($results | Where-Object Status -eq 'Skipped').Count
Write-Host ('{0} uploaded, {1} already sent before, {2} failed. Log: {3}' -f $sent.Count, $skipped, @($failed).Count, $log)
# A scheduled task reads the exit code: 0 when every file was accepted.
exit $(if (@($failed).Count -gt 0) { 1 } else { 0 })
