# The harness's timed-section protocol for the pwsh clients (dot-sourced), as Shared/TimedSection.cs is for the
# .NET ones: "BENCH-MARK start", wait for the harness's line on stdin (it samples the server's CPU in between), time
# the action, "BENCH-MARK end"; and the one "BENCH-RESULT {json}" line with ClientReport's fields.

function Measure-TimedSection([scriptblock] $Action) {
    [Console]::Out.WriteLine('BENCH-MARK start')
    [Console]::Out.Flush()
    $null = [Console]::In.ReadLine()
    $self = [System.Diagnostics.Process]::GetCurrentProcess()
    $cpuBefore = $self.TotalProcessorTime
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $result = & $Action
    $clock.Stop()
    $self.Refresh()
    $cpu = ($self.TotalProcessorTime - $cpuBefore).TotalSeconds
    [Console]::Out.WriteLine('BENCH-MARK end')
    [pscustomobject]@{ Result = $result; Seconds = $clock.Elapsed.TotalSeconds; CpuSeconds = $cpu }
}

function Write-BenchResult([System.Collections.IDictionary] $Report) {
    [Console]::Out.WriteLine('BENCH-RESULT ' + ($Report | ConvertTo-Json -Compress))
    [Console]::Out.Flush()
}
