<#
.SYNOPSIS
    One run of the journal scenario in a real pwsh process: what a nightly job does, measured from inside.

.DESCRIPTION
    Modes:
      Send   Get-ChildItem <Folder> -Filter *.wav | Send-AlpharunRecording -Journal <Journal> (a first run with a new
             journal, or a rerun with the journal of an earlier run; an empty folder is the no-file baseline).
      List   Get-ChildItem <Folder> -Filter *.wav alone: what listing the same files costs.
      Open   @() | Send-AlpharunRecording -Journal <Journal>: the cost of opening (reading) the journal alone.

    Before the measured part the process uploads one warm-up file with a journal of its own and lists the warm-up
    folder, so assemblies are loaded and the code is compiled: what is measured is the call, not the process.
    Bytes read is rchar of /proc/self/io (every byte read() returned, from the page cache or not) over the measured
    part. Prints one line: JOURNAL-RESULT {json}.
#>
param(
    [Parameter(Mandatory)][ValidateSet('Send', 'List', 'Open')][string] $Mode,
    [Parameter(Mandatory)][string] $Folder,
    [string] $Journal,
    [Parameter(Mandatory)][string] $WarmupFile,
    [Parameter(Mandatory)][string] $BaseUri,
    [Parameter(Mandatory)][string] $ApiKey,
    [Parameter(Mandatory)][string] $ModulePath
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModulePath
$key = ConvertTo-SecureString $ApiKey -AsPlainText -Force

function Get-ReadBytes { [long](((Get-Content -LiteralPath /proc/self/io -TotalCount 1) -split ':\s*')[1]) }
function Get-Kib([string] $Field) { [long]((Select-String -LiteralPath /proc/self/status -Pattern "^${Field}:\s+(\d+)").Matches[0].Groups[1].Value) }

$warmJournal = Join-Path ([IO.Path]::GetTempPath()) ('alpharun-bench-warmup-' + [guid]::NewGuid().ToString('N') + '.journal')
try {
    $null = Get-Item -LiteralPath $WarmupFile | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -Journal $warmJournal -BaseUri $BaseUri -ApiKey $key
    $null = @() | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -Journal $warmJournal -BaseUri $BaseUri -ApiKey $key
}
finally {
    Remove-Item -LiteralPath $warmJournal -ErrorAction Ignore
}
$null = Get-ChildItem -LiteralPath (Split-Path -Parent $WarmupFile) -Filter *.wav
$null = Get-ReadBytes; $null = Get-Kib 'VmRSS'

[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
$rssBefore = Get-Kib 'VmRSS'
[IO.File]::WriteAllText('/proc/self/clear_refs', '5')
$allocatedBefore = [GC]::GetTotalAllocatedBytes($true)
$failures = $null
$results = @()
$readBefore = Get-ReadBytes
$clock = [Diagnostics.Stopwatch]::StartNew()
switch ($Mode) {
    'Send' {
        $results = @(Get-ChildItem -LiteralPath $Folder -Filter *.wav |
            Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -Journal $Journal -BaseUri $BaseUri -ApiKey $key -ErrorAction SilentlyContinue -ErrorVariable failures)
    }
    'List' {
        $results = @(Get-ChildItem -LiteralPath $Folder -Filter *.wav)
    }
    'Open' {
        $results = @(@() | Send-AlpharunRecording -Teammate ana@acme.com -Contact bob@client.com -Journal $Journal -BaseUri $BaseUri -ApiKey $key)
    }
}
$clock.Stop()
$read = (Get-ReadBytes) - $readBefore
$allocated = [GC]::GetTotalAllocatedBytes($true) - $allocatedBefore
$peak = Get-Kib 'VmHWM'

$statuses = @{}
foreach ($result in $results) {
    $status = if ($result.PSObject.Properties['Status']) { "$($result.Status)" } else { 'Listed' }
    $statuses[$status] = 1 + [int]$statuses[$status]
}
$report = [ordered]@{
    Seconds      = $clock.Elapsed.TotalSeconds
    ReadBytes    = $read
    Outputs      = $results.Count
    Statuses     = $statuses
    Errors       = if ($failures) { $failures.Count } else { 0 }
    FirstError   = if ($failures) { "$($failures[0])" } else { $null }
    AllocatedMiB = $allocated / 1MB
    GrowthMiB    = ($peak - $rssBefore) / 1024
}
'JOURNAL-RESULT ' + ($report | ConvertTo-Json -Compress)
