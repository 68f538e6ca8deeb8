<#
.SYNOPSIS
    A nightly job: uploads the recordings that arrived since the last run, logs every id the API accepted, and
    tells the scheduler exactly what happened through its exit code.
.DESCRIPTION
    Meant for a scheduled task nobody watches (Task Scheduler, cron, a systemd timer). The API key and address come
    from $env:ALPHARUN_API_KEY and $env:ALPHARUN_BASE_URI, from a Connect-Alpharun earlier in the session, or, with
    -VaultName and -SecretName, from a SecretManagement vault of the account the job runs as.

    Everything it keeps is in -StateFolder (by default .alpharun inside -Folder):
    - uploads.journal: the resume journal. A file already accepted is skipped without reading its bytes, so each
      night costs what is new, not the whole archive.
    - uploads-yyyy-MM-dd.csv: the day's log, one row per recording the API accepted (appended as each answer is
      output, so a run that stops early keeps what it had), with rows recovered from the journal for what a run
      that was killed accepted but never logged.
    - failures.csv: the files this run failed on (RetryFailures.ps1 takes it).
    - rejected.csv: files refused for a reason a rerun cannot change (NotAudio, EmptyFile, InvalidFileName). They
      count as failures the night they are found, then are left out (and named in the summary line) until the file
      changes: one bad file does not turn every later night into a failure.
    - logged-until.txt: when the last run that reached its end finished logging.

    Exit codes: 0 every file was accepted, already there, skipped or still being recorded; 1 the run finished and
    some files failed; 2 the run stopped early (key refused, rate limit too long, API unreachable, journal write
    failed, Ctrl+C); 3 the job could not start (folder missing or unreadable, no key, an address the module refuses,
    a -Teammate or -Contact the API would refuse).
.EXAMPLE
    ./NightlyUpload.ps1 -Folder D:\Dialer\Recordings -Teammate ana@acme.com -Contact bob@client.com
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Folder,
    [Parameter(Mandatory)] [string] $Teammate,
    [Parameter(Mandatory)] [object[]] $Contact,
    # Where the journal, the logs and the failure lists are kept.
    [string] $StateFolder,
    [ValidateRange(1, 64)] [int] $ThrottleLimit = 4,
    # Leave files written more recently than this for a later night, e.g. '10m' (as Send-AlpharunRecording -MinimumAge).
    [string] $MinimumAge,
    # Read the key from this SecretManagement vault (readable only by the account that created it).
    [string] $VaultName,
    [string] $SecretName = 'alpharun'
)

$exitFinished = 0; $exitSomeFailed = 1; $exitStopped = 2; $exitCouldNotStart = 3
# Errors that say the job is set up wrong: nothing was tried, so a rerun without a fix cannot do better.
$setupErrors = 'ApiKeyMissing', 'InvalidApiKey', 'InvalidBaseUri', 'InsecureBaseUri', 'InvalidProxy', 'NotAlpharunApi',
    'JournalUnavailable', 'InvalidTeammate', 'MissingTeammate', 'InvalidContact', 'MissingContact', 'DuplicateContact', 'InvalidCustomField'
# Failures of the file itself, which no rerun changes until the file does.
$permanentErrors = 'NotAudio', 'EmptyFile', 'InvalidFileName'
$logColumns = 'AcceptedAt', 'Path', 'Status', 'RecordingId', 'Note'

function Exit-Nightly([int] $Code, [string] $Message) {
    [Console]::Error.WriteLine($Message)
    exit $Code
}

function ConvertTo-CsvLine([object[]] $Values) {
    # One CSV line, quoted as Export-Csv quotes (works the same on Windows PowerShell 5.1).
    ($Values | ForEach-Object { '"' + ("$_" -replace '"', '""') + '"' }) -join ','
}

function Open-Log([string] $Path) {
    $isNew = -not (Test-Path -LiteralPath $Path)
    $writer = [IO.StreamWriter]::new($Path, $true, [Text.UTF8Encoding]::new($false))
    if ($isNew) { $writer.WriteLine((ConvertTo-CsvLine $logColumns)) }
    $writer.Flush()
    $writer
}

# --- Start: the folder, the module, the state folder. Nothing here creates -Folder. ---
if (-not (Test-Path -LiteralPath $Folder -PathType Container)) {
    Exit-Nightly $exitCouldNotStart "The folder '$Folder' does not exist or is not a folder (a share not mounted?). Nothing was sent."
}
try {
    $null = Get-ChildItem -LiteralPath $Folder -Force -ErrorAction Stop | Select-Object -First 1
}
catch {
    Exit-Nightly $exitCouldNotStart "The folder '$Folder' cannot be read: $($_.Exception.Message) Nothing was sent."
}
if (-not $StateFolder) { $StateFolder = Join-Path $Folder '.alpharun' }
try {
    Import-Module Alpharun -ErrorAction Stop
    if ($VaultName) {
        # The key from the vault; the address still from $env:ALPHARUN_BASE_URI when it is set.
        $connect = @{ VaultName = $VaultName; SecretName = $SecretName }
        if ($env:ALPHARUN_BASE_URI) { $connect.BaseUri = $env:ALPHARUN_BASE_URI }
        Connect-Alpharun @connect -ErrorAction Stop
    }
    $null = New-Item -ItemType Directory -Path $StateFolder -Force -ErrorAction Stop
}
catch {
    Exit-Nightly $exitCouldNotStart "The job cannot start: $($_.Exception.Message)"
}

# The extensions the module knows an audio type for.
$audio = '.wav', '.mp3', '.m4a', '.mp4', '.ogg', '.oga', '.opus', '.webm', '.flac', '.aac', '.aif', '.aiff', '.aifc', '.au', '.snd', '.amr', '.awb', '.wma', '.caf', '.w64', '.gsm'
$journal = Join-Path $StateFolder 'uploads.journal'
$logPath = Join-Path $StateFolder ('uploads-{0:yyyy-MM-dd}.csv' -f (Get-Date))
$failurePath = Join-Path $StateFolder 'failures.csv'
$rejectedPath = Join-Path $StateFolder 'rejected.csv'
$loggedUntilPath = Join-Path $StateFolder 'logged-until.txt'

# What an earlier run that reached its end logged up to; without it (a first run, or one killed before its end),
# every skipped file whose id is in no recent log is logged from the journal.
$loggedUntil = [DateTimeOffset]::MinValue
$logsSince = [datetime]::MinValue
if (Test-Path -LiteralPath $loggedUntilPath) {
    $loggedUntil = [DateTimeOffset]::Parse((Get-Content -LiteralPath $loggedUntilPath -Raw).Trim(), [Globalization.CultureInfo]::InvariantCulture)
    $logsSince = $loggedUntil.UtcDateTime.AddDays(-1)
}
# The ids already in the logs written since then, so a recovered row is never logged twice.
$recentlyLogged = @{}
Get-ChildItem -LiteralPath $StateFolder -Filter 'uploads-*.csv' |
    Where-Object { $_.LastWriteTimeUtc -ge $logsSince } |
    ForEach-Object { Import-Csv -LiteralPath $_.FullName } |
    ForEach-Object { $recentlyLogged[$_.RecordingId] = $true }

$rejected = @{}
if (Test-Path -LiteralPath $rejectedPath) {
    foreach ($row in Import-Csv -LiteralPath $rejectedPath) { $rejected[$row.Path] = $row }
}
# A rejected file is tried again once it changes (same path, other size or write time).
function Test-KnownRejected($File) {
    $known = $rejected[$File.FullName]
    $known -and [long]$known.Length -eq $File.Length -and $known.LastWriteTimeUtc -eq $File.LastWriteTimeUtc.ToString('o')
}

# --- The run. Each accepted upload is logged as it is output, so a stop loses no row. ---
$log = Open-Log $logPath
$sendErrors = @()
$listErrors = @()
$knownRejected = 0
$stopped = $null
$logged = 0
$ended = $false
$send = @{ Teammate = $Teammate; Contact = $Contact; Journal = $journal; ThrottleLimit = $ThrottleLimit }
if ($MinimumAge) { $send.MinimumAge = $MinimumAge }
try {
    Get-ChildItem -LiteralPath $Folder -File -Recurse -ErrorAction SilentlyContinue -ErrorVariable +listErrors |
        Where-Object { $audio -contains $_.Extension.ToLowerInvariant() -and $_.FullName -notlike "$StateFolder*" } |
        Where-Object { if (Test-KnownRejected $_) { $script:knownRejected++; $false } else { $true } } |
        Send-AlpharunRecording @send -SummaryVariable run -ErrorAction SilentlyContinue -ErrorVariable +sendErrors |
        ForEach-Object {
            $note = $null
            if ($_.Status -eq 'Skipped') {
                # Accepted by a run that never logged it (killed): log it now, from the journal.
                $acceptedAt = [DateTimeOffset]::Parse($_.AcceptedAt, [Globalization.CultureInfo]::InvariantCulture)
                if ($acceptedAt -le $loggedUntil -or $recentlyLogged.ContainsKey("$($_.RecordingId)")) { return }
                $note = 'accepted by an earlier run that did not finish; from the journal'
            }
            elseif ($_.Status -eq 'InProgress') {
                return
            }
            $log.WriteLine((ConvertTo-CsvLine @($_.AcceptedAt, $_.Path, $_.Status, $_.RecordingId, $note)))
            $log.Flush()
            $script:logged++
        }
    $ended = $true
}
catch {
    $stopped = $_
    $ended = $true
}
finally {
    $log.Dispose()
    # Ctrl+C stops the script without reaching a catch: say "stopped early" to whoever started it. What the API
    # accepted is in the journal; the next run logs it.
    if (-not $ended) { [Environment]::Exit($exitStopped) }
}

# --- What happened, for the failure lists, the host and the scheduler. ---
# The error that stopped the run is not a file's failure (it is held as an exception, not an ErrorRecord).
$failures = @($sendErrors | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
$failureRows = @(
    foreach ($e in $failures) {
        [pscustomobject]@{ Path = "$($e.TargetObject)"; ErrorId = $e.FullyQualifiedErrorId.Split(',')[0]; Message = $e.Exception.Message }
    }
    foreach ($e in $listErrors) {
        [pscustomobject]@{ Path = "$($e.TargetObject)"; ErrorId = 'FolderUnreadable'; Message = $e.Exception.Message }
    }
)
$failureRows | Export-Csv -LiteralPath $failurePath -NoTypeInformation -Encoding UTF8
$newRejected = @(
    foreach ($row in $failureRows | Where-Object { $permanentErrors -contains $_.ErrorId }) {
        $file = Get-Item -LiteralPath $row.Path -ErrorAction SilentlyContinue
        if ($file) {
            [pscustomobject]@{ Path = $file.FullName; Length = $file.Length; LastWriteTimeUtc = $file.LastWriteTimeUtc.ToString('o'); ErrorId = $row.ErrorId; Message = $row.Message; FoundAt = (Get-Date).ToString('o') }
        }
    }
)
if ($newRejected) { $newRejected | Export-Csv -LiteralPath $rejectedPath -NoTypeInformation -Encoding UTF8 -Append }

$stoppedBy = if ($run) { $run.StoppedBy } elseif ($stopped) { $stopped.FullyQualifiedErrorId.Split(',')[0] } else { $null }
if ($stoppedBy -and $setupErrors -contains $stoppedBy) {
    Exit-Nightly $exitCouldNotStart "The job could not start: $stopped"
}
Set-Content -LiteralPath $loggedUntilPath -Value ([DateTimeOffset]::Now.ToString('o'))

$summary = if ($run) { $run.ToString() } else { 'no file was sent.' }
$line = "{0} Logged {1} accepted upload(s) to {2}; {3} failure(s) in {4}" -f $summary, $logged, $logPath, $failureRows.Count, $failurePath
if ($knownRejected) { $line += "; $knownRejected file(s) refused on an earlier night left out (see $rejectedPath)" }
Write-Host $line
if ($stopped) { Exit-Nightly $exitStopped "The run stopped early: $stopped" }
if ($failureRows.Count -gt 0) { exit $exitSomeFailed }
exit $exitFinished
