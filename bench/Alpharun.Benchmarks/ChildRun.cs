using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Runs one client process to its end. When the client prints the start marker, the harness samples the
    /// server's CPU and only then answers "go"; at the end marker it samples again. So the server's CPU figure
    /// covers the timed run alone, and the sampling itself is never inside anyone's timing.
    /// </summary>
    internal static class ChildRun
    {
        /// <summary>
        /// Runs the child in <paramref name="info"/>; <paramref name="atMarker"/>, when given, is called at the start
        /// marker (true, before "go") and at the end marker (false), for a scenario's own figures over the same window.
        /// </summary>
        public static async Task<ChildResult> RunAsync(ProcessStartInfo info, SandboxProcess server, TimeSpan timeout, Action<Process>? started = null, Action<bool>? atMarker = null)
        {
            var result = new ChildResult();
            double? serverBefore = server.CpuSeconds();
            double? machineBefore = MachineInfo.BusyCpuSeconds();
            double? atStart = null;
            double? atEnd = null;
            double? machineAtStart = null;
            double? machineAtEnd = null;
            TimeSpan windowStart = TimeSpan.Zero;
            TimeSpan windowEnd = TimeSpan.Zero;
            var wall = Stopwatch.StartNew();
            using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
            started?.Invoke(process);
            Task<string> errors = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                string? line;
                while ((line = await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false)) != null)
                {
                    if (line == TimedSection.StartMarker)
                    {
                        atStart = server.CpuSeconds();
                        machineAtStart = MachineInfo.BusyCpuSeconds();
                        windowStart = wall.Elapsed;
                        atMarker?.Invoke(true);
                        await process.StandardInput.WriteLineAsync("go").ConfigureAwait(false);
                        await process.StandardInput.FlushAsync().ConfigureAwait(false);
                    }
                    else if (line == TimedSection.EndMarker)
                    {
                        atEnd = server.CpuSeconds();
                        machineAtEnd = MachineInfo.BusyCpuSeconds();
                        windowEnd = wall.Elapsed;
                        atMarker?.Invoke(false);
                    }
                    else if (ClientReport.TryParse(line) is ClientReport report)
                    {
                        result.Report = report;
                    }
                    else
                    {
                        result.Output.Add(line);
                    }
                }
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                result.TimedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
            wall.Stop();
            double? serverAfter = server.CpuSeconds();
            double? machineAfter = MachineInfo.BusyCpuSeconds();

            result.WallSeconds = wall.Elapsed.TotalSeconds;
            result.SawMarkers = atStart.HasValue && atEnd.HasValue;
            result.ServerCpuSeconds = result.SawMarkers ? atEnd - atStart : serverAfter - serverBefore;
            result.MachineCpuSeconds = result.SawMarkers ? machineAtEnd - machineAtStart : machineAfter - machineBefore;
            result.WindowSeconds = result.SawMarkers ? (windowEnd - windowStart).TotalSeconds : result.WallSeconds;
            result.ExitCode = process.ExitCode;
            result.Errors = await errors.ConfigureAwait(false);
            return result;
        }
    }
}
