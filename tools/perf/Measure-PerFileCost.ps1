<#
.SYNOPSIS
    Times Send-AlpharunRecording per file in real pwsh against the sandbox, beside a bare HttpClient loop and a loop
    over the module's own core (Alpharun.Client) with no PowerShell in it.
.DESCRIPTION
    Makes -Files files of -KiB KiB of random bytes, starts the sandbox API in a pwsh process of its own (from the first
    -Module), then runs, one fresh pwsh process per sample and in an order rotated each round:
      bare      a C# loop: one HttpClient, a MultipartFormDataContent per file with StreamContent over a FileStream;
      core      a C# loop over AlpharunClient.UploadRecordingAsync, with the cmdlet's per-file checks (AudioProbe,
                RecordedAtChoice, validation) and no PowerShell: what the cmdlet adds is the difference to it;
      <module>  Send-AlpharunRecording of each -Module, for each -ThrottleLimit and -InputStyle (Piped: FileInfo
                objects from Get-ChildItem piped in; Path: the full names given to -Path).
    Each process uploads 5 warm-up files, then times -Repeat runs over all files; every run uses a recorded_at of its
    own, so every upload is a new recording (HTTP 201). It prints, per client, the median milliseconds per file with
    the spread, the ratio to the bare loop's median, and the client process's CPU milliseconds per file, which moves
    much less than the wall time when other work shares the machine, and that CPU split by thread on Linux: the pipeline
    thread, the thread pool's workers and the JIT's tier-up thread (from /proc/self/task).
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/perf/Measure-PerFileCost.ps1 -Rounds 7
.EXAMPLE
    dotnet pwsh -NoProfile -File tools/perf/Measure-PerFileCost.ps1 -Module before=/tmp/before/Alpharun/Alpharun.psd1,after=out/module/Alpharun/Alpharun.psd1 -ThrottleLimit 1,4
#>
[CmdletBinding()]
param(
    # name=manifest pairs, comma-separated or as an array. Default: the built module.
    [string[]] $Module = @("Alpharun=$(Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'out/module/Alpharun/Alpharun.psd1')"),
    # -ThrottleLimit values to time, comma-separated or as an array.
    [string[]] $ThrottleLimit = @('1', '4'),
    # Piped, Path or both, comma-separated or as an array.
    [string[]] $InputStyle = @('Piped'),
    [ValidateRange(1, 10000)] [int] $Files = 200,
    [ValidateRange(1, 1048576)] [int] $KiB = 256,
    [ValidateRange(1, 1000)] [int] $Rounds = 5,
    [ValidateRange(1, 100)] [int] $Repeat = 3
)

$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'PerfKit.ps1')
$modules = ConvertFrom-NamedPaths $Module -Resolve
$firstModule = @($modules.Values)[0]
# 'pwsh -File' passes a comma-separated list as one string.
$throttles = @($ThrottleLimit -split ',' | ForEach-Object { [int]$_ })
$styles = @($InputStyle -split ',' | ForEach-Object { $_.Trim() })
foreach ($style in $styles) { if ($style -notin 'Piped', 'Path') { throw "-InputStyle takes Piped and Path, not '$style'." } }


$scratch = Join-Path ([IO.Path]::GetTempPath()) ('alpharun-perfile-' + [guid]::NewGuid().ToString('N'))
$dataDir = Join-Path $scratch 'files'
$warmDir = Join-Path $scratch 'warm'
$random = [Random]::new(42)
$bytes = [byte[]]::new($KiB * 1KB)
foreach ($folder in @{ Path = $dataDir; Count = $Files }, @{ Path = $warmDir; Count = 5 }) {
    $null = New-Item -ItemType Directory -Path $folder.Path -Force
    for ($i = 0; $i -lt $folder.Count; $i++) {
        $random.NextBytes($bytes)
        [IO.File]::WriteAllBytes((Join-Path $folder.Path ('call-{0:0000}.wav' -f $i)), $bytes)
    }
}

$clientScript = Join-Path $scratch 'Client.ps1'
# The bare loop is the same C# for every measuring script (BareUploadLoop.cs beside them).
Set-Content -LiteralPath $clientScript -Value (@'
param([string] $Client, [string] $Module, [string] $DataDir, [string] $WarmDir, [string] $BaseUri, [string] $Key,
      [int] $Throttle, [string] $InputStyle, [int] $Repeat, [long] $Seed)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$process = [Diagnostics.Process]::GetCurrentProcess()
$files = @(Get-ChildItem -LiteralPath $DataDir -File | Sort-Object Name)
$warm = @(Get-ChildItem -LiteralPath $WarmDir -File | Sort-Object Name)
# A recorded_at per run that no other run uses: every upload is a new recording.
$base = [DateTimeOffset]::new(2001, 1, 1, 0, 0, 0, [TimeSpan]::Zero).AddSeconds($Seed * 10)

# CPU seconds of this process's threads by kind, from /proc/self/task (Linux; empty elsewhere): the pipeline thread
# (PowerShell names it "Pipeline Execution..."), the thread pool's workers and the JIT's tier-up thread.
function Get-ThreadCpu {
    $sums = @{ Pipeline = 0.0; Pool = 0.0; Jit = 0.0 }
    foreach ($task in [IO.Directory]::GetDirectories('/proc/self/task')) {
        try { $stat = [IO.File]::ReadAllText("$task/stat") } catch { continue }
        $open = $stat.IndexOf('('); $close = $stat.LastIndexOf(')')
        $name = $stat.Substring($open + 1, $close - $open - 1)
        $fields = $stat.Substring($close + 2).Split(' ')
        # utime + stime, in USER_HZ (100 a second on Linux).
        $seconds = ([long]$fields[11] + [long]$fields[12]) / 100
        $kind = if ($name.StartsWith('Pipeline')) { 'Pipeline' } elseif ($name.StartsWith('.NET TP Worker')) { 'Pool' } elseif ($name.StartsWith('.NET Tiered')) { 'Jit' }
        if ($kind) { $sums[$kind] += $seconds }
    }
    $sums
}

function Measure-Run([scriptblock] $Upload) {
    $process.Refresh()
    $cpu = $process.TotalProcessorTime
    $threads = if (Test-Path /proc/self/task) { Get-ThreadCpu }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $created = & $Upload
    $clock.Stop()
    $process.Refresh()
    $after = if ($threads) { Get-ThreadCpu }
    if ($created -ne $files.Count) { throw "$Client created $created of $($files.Count) recordings." }
    $perFile = { param($kind) if ($threads) { ($after[$kind] - $threads[$kind]) * 1000 / $files.Count } else { [double]::NaN } }
    '{0} {1} {2} {3} {4}' -f ($clock.Elapsed.TotalMilliseconds / $files.Count), (($process.TotalProcessorTime - $cpu).TotalMilliseconds / $files.Count),
        (& $perFile 'Pipeline'), (& $perFile 'Pool'), (& $perFile 'Jit')
}

if ($Client -eq 'bare') {
    Add-Type -LiteralPath '__BARE_UPLOAD_LOOP__'
    $http = [System.Net.Http.HttpClient]::new()
    $http.Timeout = [System.Threading.Timeout]::InfiniteTimeSpan
    $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $Key)
    $uri = [Uri]($BaseUri.TrimEnd('/') + '/recordings/upload')
    $format = "yyyy-MM-dd'T'HH:mm:sszzz"
    $null = [BareUploadLoop]::Run($http, $uri, [string[]]$warm.FullName, $base.AddSeconds(-1).ToString($format, [cultureinfo]::InvariantCulture))
    for ($pass = 0; $pass -lt $Repeat; $pass++) {
        Measure-Run { [BareUploadLoop]::Run($http, $uri, [string[]]$files.FullName, $base.AddSeconds($pass).ToString($format, [cultureinfo]::InvariantCulture)) }
    }
    return
}

Import-Module -Name $Module
if ($Client -eq 'core') {
    $core = Join-Path (Split-Path $Module) 'Alpharun.Client.dll'
    # Loaded from the module's folder, as the module itself loads it.
    Add-Type -LiteralPath $core
    Add-Type -ReferencedAssemblies $core, System.Net.Http, System.Runtime, System.Collections, System.Threading.Tasks, netstandard -TypeDefinition @"
using System; using System.Collections.Generic; using Alpharun;
public static class CoreUploadLoop {
    public static int Run(AlpharunClient client, string[] files, DateTimeOffset at) {
        int created = 0;
        var contacts = new List<Contact> { new Contact(email: "bob@client.com") };
        foreach (string file in files) {
            AudioInfo audio = AudioProbe.Probe(file);
            RecordedAtChoice recordedAt = RecordedAtChoice.For(file, at, audio);
            var request = new RecordingUploadRequest(file, "ana@acme.com", recordedAt.Value, contacts, null) { Audio = audio, RecordedAtSource = recordedAt.Source };
            if (client.UploadRecordingAsync(request).GetAwaiter().GetResult().HttpStatus == 201) created++;
        }
        return created;
    }
}
"@
    $connection = [Alpharun.AlpharunConnection]::new([Alpharun.ApiKey]::FromPlainText($Key), [Uri]$BaseUri)
    $alpharun = [Alpharun.AlpharunClient]::new($connection, 'perf')
    $alpharun.RetryPolicy = [Alpharun.RetryPolicy]::new(3)
    $alpharun.Gate = [Alpharun.UploadGate]::new([TimeSpan]::FromSeconds(300))
    $null = [CoreUploadLoop]::Run($alpharun, [string[]]$warm.FullName, $base.AddSeconds(-1))
    for ($pass = 0; $pass -lt $Repeat; $pass++) {
        Measure-Run { [CoreUploadLoop]::Run($alpharun, [string[]]$files.FullName, $base.AddSeconds($pass)) }
    }
    return
}

$send = @{ Teammate = 'ana@acme.com'; Contact = 'bob@client.com'; BaseUri = $BaseUri; ApiKey = (ConvertTo-SecureString $Key -AsPlainText -Force); ThrottleLimit = $Throttle }
$null = $warm | Send-AlpharunRecording @send -RecordedAt $base.AddSeconds(-1)
for ($pass = 0; $pass -lt $Repeat; $pass++) {
    $at = $base.AddSeconds($pass)
    Measure-Run {
        $out = if ($InputStyle -eq 'Piped') { $files | Send-AlpharunRecording @send -RecordedAt $at } else { Send-AlpharunRecording -Path $files.FullName @send -RecordedAt $at }
        @($out | Where-Object Status -EQ 'Created').Count
    }
}
'@).Replace('__BARE_UPLOAD_LOOP__', (Join-Path $PSScriptRoot 'BareUploadLoop.cs'))

$key = 'perf-' + [guid]::NewGuid().ToString('N')
$server = Start-PerfSandbox -Module $firstModule -Key $key

$clients = [Collections.Generic.List[hashtable]]::new()
$clients.Add(@{ Name = 'bare HttpClient loop'; Client = 'bare'; Module = ''; Throttle = 1; Style = 'Path' })
$clients.Add(@{ Name = 'core loop (Alpharun.Client)'; Client = 'core'; Module = $firstModule; Throttle = 1; Style = 'Path' })
foreach ($style in $styles) {
    foreach ($throttle in $throttles) {
        foreach ($name in $modules.Keys) {
            $clients.Add(@{ Name = "$name -ThrottleLimit $throttle ($style)"; Client = 'cmdlet'; Module = $modules[$name]; Throttle = $throttle; Style = $style })
        }
    }
}
$wall = @{}
$cpu = @{}
$threadCpu = @{}
foreach ($client in $clients) {
    $wall[$client.Name] = [Collections.Generic.List[double]]::new()
    $cpu[$client.Name] = [Collections.Generic.List[double]]::new()
    $threadCpu[$client.Name] = @{ Pipeline = [Collections.Generic.List[double]]::new(); Pool = [Collections.Generic.List[double]]::new(); Jit = [Collections.Generic.List[double]]::new() }
}

try {
    $baseUri = $server.StandardOutput.ReadLine()
    if (-not $baseUri) { throw 'The sandbox did not start.' }
    $seed = [long](Get-Random -Maximum 100000) * 1000
    for ($round = 0; $round -lt $Rounds; $round++) {
        for ($k = 0; $k -lt $clients.Count; $k++) {
            $client = $clients[($k + $round) % $clients.Count]
            $seed++
            $lines = & $pwshExe @pwshArgs -NoProfile -NonInteractive -File $clientScript -Client $client.Client -Module $client.Module -DataDir $dataDir -WarmDir $warmDir `
                -BaseUri $baseUri -Key $key -Throttle $client.Throttle -InputStyle $client.Style -Repeat $Repeat -Seed $seed
            if ($LASTEXITCODE -ne 0) { throw "$($client.Name) failed: $lines" }
            foreach ($line in $lines) {
                $ms, $cpuMs, $pipelineMs, $poolMs, $jitMs = [double[]]($line -split ' ')
                $wall[$client.Name].Add($ms)
                $cpu[$client.Name].Add($cpuMs)
                $threadCpu[$client.Name].Pipeline.Add($pipelineMs)
                $threadCpu[$client.Name].Pool.Add($poolMs)
                $threadCpu[$client.Name].Jit.Add($jitMs)
            }
        }
        Write-Verbose "Round $($round + 1) of $Rounds done."
    }
}
finally {
    Stop-PerfSandbox $server
    Remove-Item -LiteralPath $scratch -Recurse -Force -ErrorAction Ignore
}

$bare = Get-Median $wall['bare HttpClient loop']
$(foreach ($client in $clients) {
    $values = [double[]]$wall[$client.Name]
    $median = Get-Median $values
    [pscustomobject]@{
        Client         = $client.Name
        Runs           = $values.Count
        MsPerFile      = [math]::Round($median, 3)
        Min            = [math]::Round(($values | Measure-Object -Minimum).Minimum, 3)
        Max            = [math]::Round(($values | Measure-Object -Maximum).Maximum, 3)
        VsBare         = '{0:0.00}x' -f ($median / $bare)
        CpuMsPerFile   = [math]::Round((Get-Median ([double[]]$cpu[$client.Name])), 3)
        # The same CPU split by thread (medians; 10 ms resolution over the run, so per file about 0.05 ms at 200 files).
        PipelineCpuMs  = [math]::Round((Get-Median ([double[]]$threadCpu[$client.Name].Pipeline)), 3)
        PoolCpuMs      = [math]::Round((Get-Median ([double[]]$threadCpu[$client.Name].Pool)), 3)
        JitCpuMs       = [math]::Round((Get-Median ([double[]]$threadCpu[$client.Name].Jit)), 3)
    }
}) | Format-Table -AutoSize | Out-String -Width 200
Write-Host "$Files files of $KiB KiB; $Rounds rounds x $Repeat runs per client; 1-minute load average at the end: $((Get-Content -LiteralPath /proc/loadavg -ErrorAction Ignore) -split ' ' | Select-Object -First 1)"
