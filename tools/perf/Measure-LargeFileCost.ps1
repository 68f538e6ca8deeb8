<#
.SYNOPSIS
    Times one large upload (1 GiB by default) to the sandbox on loopback: Send-AlpharunRecording in real pwsh beside a
    bare HttpClient loop and curl -F, with the CPU seconds per GiB of the uploading process.
.DESCRIPTION
    Makes one file of -MiB MiB of random bytes (and a 4 MiB warm-up file), starts the sandbox API in a pwsh process of
    its own (from the first -Module), then runs, one fresh process per sample and in an order rotated each round:
      <module>  Send-AlpharunRecording of each -Module in a fresh pwsh: import, one untimed warm-up upload, then the
                timed upload of the large file ($ProgressPreference = 'SilentlyContinue' unless -Progress);
      bare      a C# loop compiled with Add-Type in a fresh pwsh: one HttpClient, MultipartFormDataContent, StreamContent
                over a FileStream with an 80 KiB buffer (bench/Alpharun.Benchmarks/BareHttpClientMode.cs, in pwsh);
      harness   the benchmark harness's own "httpclient" role (that file, in a plain dotnet process), when built;
      curl      one `curl -F` process under /usr/bin/time (CPU: user + system; time: curl's time_total);
      idle      a fresh pwsh that imports the module, makes the warm-up upload, then sleeps -IdleSeconds (measured as
                the uploads are, after the same GC.Collect): the pwsh process's own background CPU, printed per second
                (JitS and PoolS: seconds over the whole sleep) so it can be set against the module's wall time.
    The .NET clients measure themselves: Process.TotalProcessorTime and a Stopwatch around the timed upload only.
    Every upload has a recorded_at of its own (minute steps, in the past), so each is a new recording (HTTP 201)
    and the server does equal work. Prints medians with the spread, and the 1-minute load average.
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/perf/Measure-LargeFileCost.ps1 -Rounds 5
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/perf/Measure-LargeFileCost.ps1 -Module before=/tmp/before/Alpharun/Alpharun.psd1,after=out/module/Alpharun/Alpharun.psd1 -Client module -Rounds 7
#>
[CmdletBinding()]
param(
    # name=manifest pairs, comma-separated or as an array. Default: the built module.
    [string[]] $Module = @("Alpharun=$(Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'out/module/Alpharun/Alpharun.psd1')"),
    # Which clients to run: module, bare, harness, curl, idle (comma-separated or as an array).
    [string[]] $Client = @('module', 'bare', 'harness', 'curl', 'idle'),
    [ValidateRange(1, 65536)] [int] $MiB = 1024,
    [ValidateRange(1, 1000)] [int] $Rounds = 5,
    [ValidateRange(1, 600)] [double] $IdleSeconds = 3,
    # The harness executable (dotnet build Alpharun.sln -c Release builds it).
    [string] $Harness = (Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'bench/Alpharun.Benchmarks/bin/Release/net10.0/Alpharun.Benchmarks.dll'),
    # A folder for the data files, kept (and reused when the sizes match) so repeated runs skip writing 1 GiB.
    [string] $DataDirectory,
    # Leave $ProgressPreference at 'Continue' in the module's process.
    [switch] $Progress
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'PerfKit.ps1')
$modules = ConvertFrom-NamedPaths $Module -Resolve
$firstModule = @($modules.Values)[0]
$kinds = @($Client -split ',' | ForEach-Object { $_.Trim() })
foreach ($kind in $kinds) { if ($kind -notin 'module', 'bare', 'harness', 'curl', 'idle') { throw "-Client takes module, bare, harness, curl and idle, not '$kind'." } }
if ('harness' -in $kinds -and -not (Test-Path -LiteralPath $Harness)) { throw "No harness at '$Harness': build it (dotnet build Alpharun.sln -c Release) or leave out -Client harness." }


$scratch = Join-Path ([IO.Path]::GetTempPath()) ('alpharun-large-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $scratch -Force
$dataDir = if ($DataDirectory) { $DataDirectory } else { Join-Path $scratch 'data' }
$null = New-Item -ItemType Directory -Path $dataDir -Force
$largeFile = Join-Path $dataDir ('large-{0}MiB.wav' -f $MiB)
$warmFile = Join-Path $dataDir 'warm-4MiB.wav'
$random = [Random]::new(42)
foreach ($file in @{ Path = $largeFile; MiB = $MiB }, @{ Path = $warmFile; MiB = 4 }) {
    $info = [IO.FileInfo]::new($file.Path)
    if ($info.Exists -and $info.Length -eq $file.MiB * 1MB) { continue }
    $buffer = [byte[]]::new(1MB)
    $stream = [IO.File]::Create($file.Path)
    try {
        for ($i = 0; $i -lt $file.MiB; $i++) { $random.NextBytes($buffer); $stream.Write($buffer, 0, $buffer.Length) }
    }
    finally { $stream.Dispose() }
}
$largeList = Join-Path $scratch 'large.txt'
$warmList = Join-Path $scratch 'warm.txt'
Set-Content -LiteralPath $largeList -Value $largeFile
Set-Content -LiteralPath $warmList -Value $warmFile

# Prints "<wall seconds> <cpu seconds> <JIT seconds> <thread-pool seconds>" of the timed part (the last two from the CPU
# time of the threads named ".NET Tiered Com*" and ".NET TP Worker" in /proc/self/task; 0 where there is no /proc).
$clientScript = Join-Path $scratch 'Client.ps1'
# The bare loop is the same C# for every measuring script (BareUploadLoop.cs beside them).
Set-Content -LiteralPath $clientScript -Value (@'
param([string] $Client, [string] $Module, [string] $File, [string] $WarmFile, [string] $BaseUri, [string] $Key,
      [string] $RecordedAt, [string] $WarmRecordedAt, [double] $IdleSeconds, [switch] $Progress)
$ErrorActionPreference = 'Stop'
if (-not $Progress) { $ProgressPreference = 'SilentlyContinue' }
$process = [Diagnostics.Process]::GetCurrentProcess()
$at = [DateTimeOffset]::Parse($RecordedAt, [cultureinfo]::InvariantCulture)
$warmAt = [DateTimeOffset]::Parse($WarmRecordedAt, [cultureinfo]::InvariantCulture)

function Get-ThreadTicks {
    $ticks = @{ Jit = 0L; Pool = 0L }
    foreach ($task in [IO.Directory]::GetDirectories('/proc/self/task')) {
        try { $stat = [IO.File]::ReadAllText("$task/stat") } catch { continue }
        $close = $stat.LastIndexOf(')')
        $name = $stat.Substring($stat.IndexOf('(') + 1, $close - $stat.IndexOf('(') - 1)
        $fields = $stat.Substring($close + 2).Split(' ')
        $used = [long]$fields[11] + [long]$fields[12]
        if ($name.StartsWith('.NET Tiered Com')) { $ticks.Jit += $used } elseif ($name.StartsWith('.NET TP Worker')) { $ticks.Pool += $used } else { $ticks["$name"] += $used }
    }
    $ticks
}

function Measure-Timed([scriptblock] $Work) {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $threads = if (Test-Path /proc/self/task) { Get-ThreadTicks }
    $process.Refresh()
    $cpu = $process.TotalProcessorTime
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $ok = & $Work
    $clock.Stop()
    $process.Refresh()
    $after = if ($threads) { Get-ThreadTicks }
    if (-not $ok) { throw "$Client did not create the recording." }
    if ($threads) {
        $others = @(foreach ($name in $after.Keys) { if ($name -notin 'Jit', 'Pool' -and $after[$name] - $threads[$name] -gt 2) { '{0}={1:0.00}' -f $name, (($after[$name] - $threads[$name]) / 100) } })
        if ($others) { [Console]::Error.WriteLine('other threads: ' + ($others -join ', ')) }
    }
    # USER_HZ is 100 on Linux.
    '{0} {1} {2} {3}' -f $clock.Elapsed.TotalSeconds, ($process.TotalProcessorTime - $cpu).TotalSeconds, ($threads ? ($after.Jit - $threads.Jit) / 100 : 0), ($threads ? ($after.Pool - $threads.Pool) / 100 : 0)
}

if ($Client -eq 'bare') {
    Add-Type -LiteralPath '__BARE_UPLOAD_LOOP__'
    $http = [System.Net.Http.HttpClient]::new()
    $http.Timeout = [System.Threading.Timeout]::InfiniteTimeSpan
    $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Key)
    $uri = [Uri]($BaseUri.TrimEnd('/') + '/recordings/upload')
    $format = "yyyy-MM-dd'T'HH:mm:sszzz"
    if ([BareUploadLoop]::Run($http, $uri, @($WarmFile), $warmAt.ToString($format, [cultureinfo]::InvariantCulture)) -ne 1) { throw 'The warm-up upload failed.' }
    Measure-Timed { [BareUploadLoop]::Run($http, $uri, @($File), $at.ToString($format, [cultureinfo]::InvariantCulture)) -eq 1 }
    return
}

Import-Module -Name $Module
$send = @{ Teammate = 'ana@acme.com'; Contact = 'bob@client.com'; BaseUri = $BaseUri; ApiKey = (ConvertTo-SecureString $Key -AsPlainText -Force) }
$warm = Send-AlpharunRecording -Path $WarmFile @send -RecordedAt $warmAt
if ($warm.Status -ne 'Created') { throw "The warm-up upload was $($warm.Status)." }
if ($Client -eq 'idle') {
    Measure-Timed { Start-Sleep -Milliseconds ($IdleSeconds * 1000); $true }
    return
}
Measure-Timed { (Send-AlpharunRecording -Path $File @send -RecordedAt $at).Status -eq 'Created' }
'@).Replace('__BARE_UPLOAD_LOOP__', (Join-Path $PSScriptRoot 'BareUploadLoop.cs'))

$key = 'perf-' + [guid]::NewGuid().ToString('N')
$server = Start-PerfSandbox -Module $firstModule -Key $key

$clients = [Collections.Generic.List[hashtable]]::new()
foreach ($kind in $kinds) {
    if ($kind -eq 'module') {
        foreach ($name in $modules.Keys) { $clients.Add(@{ Name = "$name (Send-AlpharunRecording)"; Kind = 'module'; Module = $modules[$name] }) }
    }
    elseif ($kind -eq 'bare') { $clients.Add(@{ Name = 'bare HttpClient (Add-Type, in pwsh)'; Kind = 'bare'; Module = '' }) }
    elseif ($kind -eq 'harness') { $clients.Add(@{ Name = 'bare HttpClient (harness httpclient)'; Kind = 'harness'; Module = '' }) }
    elseif ($kind -eq 'curl') { $clients.Add(@{ Name = 'curl -F'; Kind = 'curl'; Module = '' }) }
    elseif ($kind -eq 'idle') { $clients.Add(@{ Name = 'idle pwsh (per second)'; Kind = 'idle'; Module = $firstModule }) }
}
$wall = @{}
$cpu = @{}
$jit = @{}
$pool = @{}
foreach ($c in $clients) {
    $wall[$c.Name] = [Collections.Generic.List[double]]::new()
    $cpu[$c.Name] = [Collections.Generic.List[double]]::new()
    $jit[$c.Name] = [Collections.Generic.List[double]]::new()
    $pool[$c.Name] = [Collections.Generic.List[double]]::new()
}

# Minute steps from 30 days ago: valid, in the past, and each upload's own.
$baseAt = [DateTimeOffset]::new([DateTime]::UtcNow.Date.AddDays(-30), [TimeSpan]::Zero).AddMinutes((Get-Random -Maximum 20000))
$script:minute = 0
function Get-NextAt { $script:minute++; $baseAt.AddMinutes($script:minute).ToString("yyyy-MM-dd'T'HH:mm:sszzz", [cultureinfo]::InvariantCulture) }

# CPU ticks (USER_HZ, 100 per second) of a process's JIT and thread-pool threads, read from /proc.
function Get-ChildThreadTicks([int] $ProcessId) {
    $ticks = @{ Jit = 0L; Pool = 0L }
    foreach ($task in [IO.Directory]::GetDirectories("/proc/$ProcessId/task")) {
        try { $stat = [IO.File]::ReadAllText("$task/stat") } catch { continue }
        $close = $stat.LastIndexOf(')')
        $name = $stat.Substring($stat.IndexOf('(') + 1, $close - $stat.IndexOf('(') - 1)
        $fields = $stat.Substring($close + 2).Split(' ')
        $used = [long]$fields[11] + [long]$fields[12]
        if ($name.StartsWith('.NET Tiered Com')) { $ticks.Jit += $used } elseif ($name.StartsWith('.NET TP Worker')) { $ticks.Pool += $used }
    }
    $ticks
}

function Invoke-Harness([string] $BaseUri) {
    $info = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $arguments = @($Harness, 'httpclient', '--base-uri', $BaseUri, '--api-key', $key, '--files', $largeList, '--warmup-files', $warmList,
        '--recorded-at', (Get-NextAt), '--warmup-recorded-at', (Get-NextAt), '--throttle', '1')
    foreach ($argument in $arguments) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $child = [Diagnostics.Process]::Start($info)
    try {
        $result = $null
        $before = $after = $null
        while ($null -ne ($line = $child.StandardOutput.ReadLine())) {
            if ($line -eq 'BENCH-MARK start') { $before = Get-ChildThreadTicks $child.Id; $child.StandardInput.WriteLine('go'); $child.StandardInput.Flush() }
            elseif ($line -eq 'BENCH-MARK end') { $after = Get-ChildThreadTicks $child.Id }
            elseif ($line.StartsWith('BENCH-RESULT ')) { $result = $line.Substring(13) | ConvertFrom-Json }
        }
        $child.WaitForExit()
        if ($child.ExitCode -ne 0 -or -not $result -or $result.Created -ne 1) { throw "The harness failed (exit $($child.ExitCode)): $($result | ConvertTo-Json -Compress)" }
        '{0} {1} {2} {3}' -f $result.Seconds, $result.CpuSeconds, (($after.Jit - $before.Jit) / 100), (($after.Pool - $before.Pool) / 100)
    }
    finally { $child.Dispose() }
}

function Invoke-Curl([string] $BaseUri) {
    $timeFile = Join-Path $scratch 'curl-time.txt'
    $out = & /usr/bin/time -f '%U %S' -o $timeFile curl -sS -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $key" `
        -F "audio=@$largeFile;type=audio/wav" -F 'teammate_email=ana@acme.com' -F "recorded_at=$(Get-NextAt)" `
        -F 'contacts=[{"email":"bob@client.com"}];type=application/json' ($BaseUri.TrimEnd('/') + '/recordings/upload')
    $code, $seconds = $out -split ' '
    if ($code -ne '201') { throw "curl got HTTP $code." }
    $user, $system = [double[]]((Get-Content -LiteralPath $timeFile | Select-Object -Last 1) -split ' ')
    '{0} {1}' -f $seconds, ($user + $system)
}

$loads = [Collections.Generic.List[string]]::new()
try {
    $baseUri = $server.StandardOutput.ReadLine()
    if (-not $baseUri) { throw 'The sandbox did not start.' }
    for ($round = 0; $round -lt $Rounds; $round++) {
        for ($k = 0; $k -lt $clients.Count; $k++) {
            $c = $clients[($k + $round) % $clients.Count]
            $line = switch ($c.Kind) {
                'harness' { Invoke-Harness $baseUri }
                'curl' { Invoke-Curl $baseUri }
                default {
                    $lines = & $pwshExe @pwshArgs -NoProfile -NonInteractive -File $clientScript -Client $c.Kind -Module $c.Module -File $largeFile -WarmFile $warmFile `
                        -BaseUri $baseUri -Key $key -RecordedAt (Get-NextAt) -WarmRecordedAt (Get-NextAt) -IdleSeconds $IdleSeconds -Progress:$Progress
                    if ($LASTEXITCODE -ne 0) { throw "$($c.Name) failed: $lines" }
                    @($lines)[-1]
                }
            }
            $seconds, $cpuSeconds, $jitSeconds, $poolSeconds = [double[]]($line -split ' ')
            $wall[$c.Name].Add($seconds)
            $cpu[$c.Name].Add($cpuSeconds)
            if ($null -ne $jitSeconds) { $jit[$c.Name].Add($jitSeconds); $pool[$c.Name].Add($poolSeconds) }
            Write-Verbose ('{0}: {1:0.000} s, {2:0.000} CPU-s (JIT thread {3}, thread pool {4})' -f $c.Name, $seconds, $cpuSeconds, $jitSeconds, $poolSeconds)
        }
        $loads.Add(((Get-Content -LiteralPath /proc/loadavg -ErrorAction Ignore) -split ' ')[0])
        Write-Verbose "Round $($round + 1) of $Rounds done; load $($loads[-1])."
    }
}
finally {
    Stop-PerfSandbox $server
    Remove-Item -LiteralPath $scratch -Recurse -Force -ErrorAction Ignore
}

$gib = $MiB / 1024
$curlName = 'curl -F'
$curlMiBs = if ($wall.ContainsKey($curlName)) { $MiB / (Get-Median ([double[]]$wall[$curlName])) } else { $null }
$(foreach ($c in $clients) {
    $w = [double[]]$wall[$c.Name]
    $u = [double[]]$cpu[$c.Name]
    if ($c.Kind -eq 'idle') {
        $perSecond = [double[]]@(for ($i = 0; $i -lt $w.Count; $i++) { $u[$i] / $w[$i] })
        [pscustomobject]@{
            Client = $c.Name; Runs = $w.Count; CpuSPerGiB = ''; CpuMin = ''; CpuMax = ''; MiBPerS = ''; VsCurl = ''
            JitS = if ($jit[$c.Name].Count) { [math]::Round((Get-Median ([double[]]$jit[$c.Name])), 2) } else { '' }
            PoolS = if ($pool[$c.Name].Count) { [math]::Round((Get-Median ([double[]]$pool[$c.Name])), 2) } else { '' }
            Note = 'CPU-s per s idle: {0:0.0000} (min {1:0.0000}, max {2:0.0000})' -f (Get-Median $perSecond), ($perSecond | Measure-Object -Minimum).Minimum, ($perSecond | Measure-Object -Maximum).Maximum
        }
        continue
    }
    $perGiB = [double[]]@($u | ForEach-Object { $_ / $gib })
    $rate = [double[]]@($w | ForEach-Object { $MiB / $_ })
    $medianRate = Get-Median $rate
    [pscustomobject]@{
        Client     = $c.Name
        Runs       = $w.Count
        CpuSPerGiB = [math]::Round((Get-Median $perGiB), 3)
        CpuMin     = [math]::Round(($perGiB | Measure-Object -Minimum).Minimum, 3)
        CpuMax     = [math]::Round(($perGiB | Measure-Object -Maximum).Maximum, 3)
        MiBPerS    = [math]::Round($medianRate, 1)
        VsCurl     = if ($curlMiBs) { '{0:0.00}x' -f ($MiB / (Get-Median ([double[]]$w)) / $curlMiBs) } else { '' }
        JitS       = if ($jit[$c.Name].Count) { [math]::Round((Get-Median ([double[]]$jit[$c.Name])), 2) } else { '' }
        PoolS      = if ($pool[$c.Name].Count) { [math]::Round((Get-Median ([double[]]$pool[$c.Name])), 2) } else { '' }
        Note       = 'MiB/s min {0:0.0} max {1:0.0}' -f ($rate | Measure-Object -Minimum).Minimum, ($rate | Measure-Object -Maximum).Maximum
    }
}) | Format-Table -AutoSize | Out-String -Width 220
Write-Host "One $MiB MiB file; $Rounds rounds; 1-minute load average after each round: $($loads -join ', ')"
