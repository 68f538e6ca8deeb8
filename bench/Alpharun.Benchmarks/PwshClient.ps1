<#
.SYNOPSIS
    One benchmark client in a real pwsh process (the WAN scenario's clients, and Send-AlpharunRecording in the loopback
    scenarios): uploads the warm-up files untimed, then times the upload of the listed files, written as a user would
    write it with that client.

.DESCRIPTION
    Clients:
      Module       Send-AlpharunRecording -ThrottleLimit $ThrottleLimit (one call for all files).
      IrmLoop      foreach file: Invoke-RestMethod -Form (one request, one new connection and TLS handshake, per file).
      IrmParallel  ForEach-Object -Parallel -ThrottleLimit $ThrottleLimit { Invoke-RestMethod -Form }.

    Protocol with the harness (bench/Shared): after the warm-up it prints "BENCH-MARK start" and waits for a line on
    stdin, times the upload, prints "BENCH-MARK end", then one "BENCH-RESULT {json}" line (ClientReport's fields).
    Memory is measured as TimedSection does for the bare HttpClient client: a settled heap, VmRSS and a reset peak
    right before the timed part, VmHWM right after it (Linux /proc; left out where there is none).
    Every upload is counted: 201 Created, 200 already existed, anything else (an error record, another status) failed.
#>
param(
    [Parameter(Mandatory)][ValidateSet('Module', 'IrmLoop', 'IrmParallel')][string] $Client,
    [Parameter(Mandatory)][string] $BaseUri,
    [Parameter(Mandatory)][string] $ApiKey,
    [Parameter(Mandatory)][string] $FilesList,
    [Parameter(Mandatory)][string] $WarmupList,
    [Parameter(Mandatory)][string] $RecordedAt,
    [Parameter(Mandatory)][string] $WarmupRecordedAt,
    [int] $ThrottleLimit = 4,
    [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'TimedSection.ps1')
# No UI to show progress to: the records would be overhead for every client alike (IRM writes upload progress too).
$ProgressPreference = 'SilentlyContinue'

$uploadUri = $BaseUri.TrimEnd('/') + '/recordings/upload'
$contactsJson = '[{"email":"bob@client.com"}]'

function New-Tally([int] $Files) {
    [pscustomobject]@{ Files = $Files; Created = 0; AlreadyExisted = 0; Failed = 0; Bytes = [long]0; FirstError = $null }
}

function Add-Outcome($Tally, [int] $Status, [long] $Length, $ErrorText) {
    switch ($Status) {
        201 { $Tally.Created++; $Tally.Bytes += $Length }
        200 { $Tally.AlreadyExisted++; $Tally.Bytes += $Length }
        default {
            $Tally.Failed++
            if ($null -eq $Tally.FirstError) { $Tally.FirstError = if ($ErrorText) { "$ErrorText" } else { "HTTP $Status" } }
        }
    }
}

function Send-WithModule([string[]] $Files, [string] $At) {
    $tally = New-Tally $Files.Count
    $key = ConvertTo-SecureString $ApiKey -AsPlainText -Force
    $errors = $null
    $uploads = @()
    try {
        $uploads = Send-AlpharunRecording -Path $Files -Teammate ana@acme.com -Contact bob@client.com -RecordedAt ([DateTimeOffset]::Parse($At)) `
            -BaseUri $BaseUri -ApiKey $key -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -ErrorVariable errors
    }
    catch {
        # A batch-stopping error (a rejected key, say): the files it did not output are counted as failed below.
        $errors = @($_)
    }
    foreach ($upload in $uploads) {
        $status = switch ("$($upload.Status)") { 'Created' { 201 } 'AlreadyExisted' { 200 } default { 0 } }
        Add-Outcome $tally $status $upload.Length "unexpected status '$($upload.Status)'"
    }
    # Files with neither a result nor an error would be silent losses: count them as failed too.
    $missing = $Files.Count - @($uploads).Count
    for ($i = 0; $i -lt $missing; $i++) { Add-Outcome $tally 0 0 ($(if ($errors) { $errors[0] } else { 'no result for a file' })) }
    $tally
}

function Send-WithIrmLoop([string[]] $Files, [string] $At) {
    $tally = New-Tally $Files.Count
    $headers = @{ Authorization = "Bearer $ApiKey" }
    foreach ($path in $Files) {
        $file = Get-Item -LiteralPath $path
        $code = 0
        try {
            $null = Invoke-RestMethod -Method Post -Uri $uploadUri -Headers $headers -StatusCodeVariable code -Form @{
                audio          = $file
                teammate_email = 'ana@acme.com'
                recorded_at    = $At
                contacts       = $contactsJson
            }
            Add-Outcome $tally $code $file.Length $null
        }
        catch {
            Add-Outcome $tally $code 0 $_
        }
    }
    $tally
}

function Send-WithIrmParallel([string[]] $Files, [string] $At) {
    $tally = New-Tally $Files.Count
    $headers = @{ Authorization = "Bearer $ApiKey" }
    $results = $Files | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
        $file = Get-Item -LiteralPath $_
        $code = 0
        try {
            $null = Invoke-RestMethod -Method Post -Uri $using:uploadUri -Headers $using:headers -StatusCodeVariable code -Form @{
                audio          = $file
                teammate_email = 'ana@acme.com'
                recorded_at    = $using:At
                contacts       = $using:contactsJson
            }
            [pscustomobject]@{ Status = $code; Length = $file.Length; Error = $null }
        }
        catch {
            [pscustomobject]@{ Status = $code; Length = 0; Error = "$_" }
        }
    }
    foreach ($r in $results) { Add-Outcome $tally $r.Status $r.Length $r.Error }
    $missing = $Files.Count - @($results).Count
    for ($i = 0; $i -lt $missing; $i++) { Add-Outcome $tally 0 0 'no result for a file' }
    $tally
}

function Send-Files([string[]] $Files, [string] $At) {
    switch ($Client) {
        'Module' { Send-WithModule $Files $At }
        'IrmLoop' { Send-WithIrmLoop $Files $At }
        'IrmParallel' { Send-WithIrmParallel $Files $At }
    }
}

if ($Client -eq 'Module') { Import-Module $ModulePath }
$files = [string[]](Get-Content -LiteralPath $FilesList | Where-Object { $_ })
$warmup = [string[]](Get-Content -LiteralPath $WarmupList | Where-Object { $_ })

# Untimed: JIT, the first connection(s) and TLS session, the page cache.
$warm = Send-Files $warmup $WarmupRecordedAt
if ($warm.Failed -gt 0) {
    [Console]::Error.WriteLine("Warm-up failed: $($warm.Failed) of $($warm.Files): $($warm.FirstError)")
    exit 1
}

function Read-StatusKiB([string] $Field) {
    $line = Get-Content -LiteralPath /proc/self/status -ErrorAction Ignore | Where-Object { $_.StartsWith("${Field}:") }
    if ($line) { [long](($line -split '\s+')[1]) } else { $null }
}

# Start from a settled heap (import and warm-up garbage collected), as the bare HttpClient client does.
[GC]::Collect()
[GC]::WaitForPendingFinalizers()
[GC]::Collect()
$rssBefore = Read-StatusKiB 'VmRSS'
# Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+), so VmHWM afterwards is the timed part's peak.
$peakReset = $true
try { [IO.File]::WriteAllText('/proc/self/clear_refs', '5') } catch { $peakReset = $false }

$timed = Measure-TimedSection { Send-Files $files $RecordedAt }
$peakAfter = Read-StatusKiB 'VmHWM'
$tally = $timed.Result

$report = [ordered]@{
    Files          = $tally.Files
    Bytes          = $tally.Bytes
    Seconds        = $timed.Seconds
    CpuSeconds     = $timed.CpuSeconds
    Created        = $tally.Created
    AlreadyExisted = $tally.AlreadyExisted
    Failed         = $tally.Failed
    FirstError     = if ($null -ne $tally.FirstError) { "$($tally.FirstError)" } else { $null }
    RssBeforeKiB   = $rssBefore
    PeakAfterKiB   = $peakAfter
    PeakReset      = $peakReset -and $null -ne $rssBefore
    Note           = "pwsh $($PSVersionTable.PSVersion)"
}
Write-BenchResult $report
exit $(if ($tally.Failed -eq 0) { 0 } else { 1 })
