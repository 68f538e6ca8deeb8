using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The whole benchmark: make the data, start the server, run the import, large-file and small-file scenarios on
    /// loopback and then the WAN scenario (one client process at a time), then print the tables and write
    /// bench/results/latest.md.
    /// </summary>
    internal static class BenchmarkRun
    {
        private const double QuietBusyPercent = DisturbanceGuard.QuietBusyPercent;
        private static readonly TimeSpan QuietMaxWait = TimeSpan.FromMinutes(2);

        public static async Task<int> RunAsync(BenchmarkOptions options)
        {
            var total = Stopwatch.StartNew();
            if (!ProcStatus.IsAvailable) Console.Error.WriteLine("warning: no /proc; memory and CPU figures will be missing (the harness measures them the Linux way).");

            Console.WriteLine($"Creating test data under {options.WorkDir} ...");
            using BenchData data = BenchData.Create(options);
            string largeFile = options.Runs("large") ? $"1 x {options.LargeFileMiB} MiB, " : string.Empty;
            Console.WriteLine($"  {data.Directory}: {largeFile}{data.SmallFiles.Count} x {options.SmallFileKiB} KiB, {options.WarmupFiles} warm-up files, random content ({data.CreationTime.TotalSeconds:0.0} s)");

            using SandboxProcess server = SandboxProcess.Start();
            Console.WriteLine($"Sandbox server (pid {server.ProcessId}) at {server.BaseUri}");
            var context = new BenchContext(options, data, server);

            // One untimed pass (small files, then the large file) so the server's upload path is compiled and tiered
            // up, and its heap sized, before any client is timed: otherwise the first client timed pays for it.
            foreach (string list in options.Runs("large") ? new[] { data.SmallList, data.LargeList } : new[] { data.SmallList })
            {
                RunSample serverWarmup = await ClientRuns.RunHttpClientAsync(context, list).ConfigureAwait(false);
                if (!serverWarmup.IsValid)
                {
                    Console.Error.WriteLine("The server warm-up pass failed: " + serverWarmup.Error);
                    return 1;
                }
            }

            // Measured last thing before the scenarios, when the harness's own set-up work is done.
            string loadBefore = MachineInfo.LoadAverage();
            double? busyBefore = MachineInfo.WaitForQuiet(QuietBusyPercent, TimeSpan.FromSeconds(2), QuietMaxWait);

            var import = new ImportBenchmark();
            var large = new LargeFileBenchmark();
            var small = new SmallFilesBenchmark(options.ParallelThrottles);
            if (options.Runs("import")) await import.RunAsync(context).ConfigureAwait(false);
            if (options.Runs("large")) await large.RunAsync(context).ConfigureAwait(false);
            if (options.Runs("small")) await small.RunAsync(context).ConfigureAwait(false);
            // Last: latency-bound, so the least moved by whatever the disturbance guard no longer waits for late in the run.
            var wan = new WanBenchmark();
            if (options.Runs("wan")) await wan.RunAsync(context).ConfigureAwait(false);
            // Bytes read are what it judges (not moved by other work); its uploads are sent after every timed scenario.
            var journal = new JournalBenchmark();
            if (options.Runs("journal")) await journal.RunAsync(context).ConfigureAwait(false);
            (int created, int existed) = server.CountRecordings();

            var report = new BenchmarkReport();
            var wanReport = new WanReport();
            if (options.Runs("wan")) report.AddSection(wanReport.Render(options, wan));
            var journalReport = new JournalReport();
            if (options.Runs("journal")) report.AddSection(journalReport.Render(options, journal));
            if (options.Runs("large")) report.AddLarge(options, large);
            if (options.Runs("small")) report.AddSmall(options, small);
            if (options.Runs("import")) report.AddImport(options, import);
            if (options.Only != "wan" && options.Only != "journal") AddNotes(report, context, created, existed, options.Runs("small") ? small : null);

            total.Stop();
            string engine = $"; clients in real pwsh {RealPwsh.Version} (the repo's local dotnet tool)";
            string command = "dotnet run -c Release --project bench/Alpharun.Benchmarks" + (options.Arguments.Length > 0 ? " -- " + options.Arguments : string.Empty);
            string[] header =
            {
                $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {MachineInfo.Describe()}{engine}.",
                $"Commit {MachineInfo.Commit() ?? "unknown"}. Command: `{command}` from the repo root." +
                // With the loopback scenarios the notes say this (and more) under their table.
                (options.Only == "wan" || options.Only == "journal" ? $" The server accepted {created + existed} uploads: {created} new (201), {existed} repeats (200)." : string.Empty),
                string.Format(CultureInfo.InvariantCulture, "Before the scenarios: 1-minute load average {0}, all cores {1:0}% busy over 2 s (the harness waits up to {2:0} min for under {3:0}% before it starts).",
                    loadBefore, busyBefore ?? double.NaN, QuietMaxWait.TotalMinutes, QuietBusyPercent),
            };
            string text = report.Render("Alpharun upload benchmark", header, total.Elapsed.TotalSeconds);
            Console.WriteLine();
            Console.WriteLine(text);

            if (options.IsDefault)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Launcher.ResultsFile)!);
                File.WriteAllText(Launcher.ResultsFile, "<!-- Generated by bench/Alpharun.Benchmarks; do not edit by hand. -->\n" + text);
                Console.WriteLine($"Written to {Path.GetRelativePath(Launcher.RepoRoot, Launcher.ResultsFile)}.");
            }
            else
            {
                Console.WriteLine("Non-default settings: bench/results/latest.md was left as it was.");
            }
            int misses = report.Misses + wanReport.Misses + journalReport.Misses;
            int invalid = report.Invalid + wanReport.Invalid + journalReport.Invalid;
            Console.WriteLine($"Targets missed: {misses}; scenarios with failed runs: {invalid}.");
            return invalid == 0 ? 0 : 1;
        }

        private static void AddNotes(BenchmarkReport report, BenchContext context, int created, int existed, SmallFilesBenchmark? small)
        {
            BenchmarkOptions options = context.Options;
            report.AddNote("Time is the timed part inside each client process only: from right before the first upload to the last answer. " +
                "It excludes process and runtime start, Import-Module and the warm-up. Process wall is the whole child process as the harness saw it: " +
                $"start, import, warm-up ({options.WarmupFiles} files), timed part, exit.");
            report.AddNote($"Every run is a fresh process, one at a time, in an order rotated each repetition. Each uploads {options.WarmupFiles} warm-up files untimed first " +
                "(the curl loop too, with curl; the single large-file curl has no warm-up: curl has no JIT and the file is in the page cache).");
            report.AddNote("The server is the module's sandbox (Alpharun.Sandbox.SandboxServer) in a process of its own, the same one for every run, warmed by one untimed pass. " +
                $"It accepted {created + existed} uploads: {created} new (201), {existed} repeats (200). Every run used a recorded_at of its own, so every upload was a new recording " +
                "and the server did the same work (multipart parse, SHA-256 of every byte, store) for every client.");
            report.AddNote("Send-AlpharunRecording runs with $ProgressPreference = 'SilentlyContinue': in a host with no UI the progress records would be overhead no user sees " +
                "either way (an interactive pwsh renders them, at most 4 a second).");
            report.AddNote("Send-AlpharunRecording runs in real pwsh (`pwsh -NoProfile -NonInteractive -File PwshClient.ps1`, the repo's local dotnet tool started as `dotnet pwsh.dll`), " +
                "one call for all the files, written as a user writes it; its results are collected and counted after the clock stops.");
            report.AddNote("Memory of the pwsh and bare HttpClient clients (1a, 1b, 1d, 2a, 2b, 2d, 2e, 2f): after Import-Module, the warm-up and a GC, VmRSS is read from /proc/self/status and the peak is reset " +
                "by writing 5 to /proc/self/clear_refs; right after the timed part VmHWM is read. Growth = VmHWM after - VmRSS before, the largest of the runs; peak RSS = that VmHWM. " +
                $"curl (1c): {CurlClient.MemoryMethod}, which includes curl's own start-up, so it is a total, not a growth. The curl loop (2c) is not measured (one short process per file).");
            report.AddNote("CPU is user + system seconds over the timed part: the client process (2c: all curl processes, from bash's `times`), and the server process " +
                "(from /proc/<pid>/stat when the client signalled start and end). Client and server share the machine's cores.");

            if (small != null && small.Parallel.Any(p => p.Throttle == Targets.DefaultThrottle))
            {
                // A CPU-bound run cannot finish faster than its CPU seconds spread over every core; compare the target with that floor.
                ClientSeries atDefault = small.Parallel.First(p => p.Throttle == Targets.DefaultThrottle).Series;
                double cpu = (atDefault.MedianClientCpu ?? double.NaN) + (atDefault.MedianServerCpu ?? double.NaN);
                double floor = cpu / Environment.ProcessorCount;
                double goal = small.HttpClient.MedianSeconds * Targets.DefaultThrottleTimeRatio;
                report.AddNote(string.Format(CultureInfo.InvariantCulture,
                    "CPU bound at the default -ThrottleLimit {0}: it used {1:0.00} CPU-s (client + server), so on {2} cores it could not take less than {3:0.000} s; it took " +
                    "{4:0.000} s. Its target ({5:0.0}x the bare loop) is {6:0.000} s, {7}. The bare loop itself used {8:0.00} CPU-s (client + server).",
                    Targets.DefaultThrottle, cpu, Environment.ProcessorCount, floor, atDefault.MedianSeconds, Targets.DefaultThrottleTimeRatio, goal,
                    goal < floor
                        ? "below that bound: on this machine it is out of reach unless the CPU per file goes down (the server hashes every byte on the same cores)"
                        : "within that bound, so CPU alone does not explain a shortfall",
                    (small.HttpClient.MedianClientCpu ?? double.NaN) + (small.HttpClient.MedianServerCpu ?? double.NaN)));
            }
            report.AddNote("Import (3): each sample is a fresh real pwsh (`ImportSample.ps1`) that first imports an empty manifest module untimed, so the engine's own " +
                "first-import work is done as in any session that has imported a module; then a Stopwatch brackets `Import-Module <target>` alone. Nothing of the target " +
                "is loaded or JIT-compiled yet; its files are in the OS page cache (not a cold-boot disk read). 3a imports out/module/Alpharun/Alpharun.psd1 (checked to be " +
                "the copy loaded), 3b PSResourceGet as shipped with pwsh, 3c another empty manifest module: the floor any Import-Module pays.");
            report.AddNote("The bare HttpClient loop uses one HttpClient (default SocketsHttpHandler), a new MultipartFormDataContent per file and StreamContent over a FileStream " +
                "with an 80 KiB buffer, the same chunk size the module uses.");
            report.AddNote($"Test data: random bytes under the system temp folder, made in {context.Data.CreationTime.TotalSeconds:0.0} s and deleted at the end.");
            report.AddNote(string.Format(CultureInfo.InvariantCulture,
                "Disturbance check: \"other\" is the CPU time of all cores during a timed part used by neither the client nor the server (the harness, bash, " +
                "kernel threads, hypervisor steal, anything else running), from /proc/stat. Before each run the harness waits up to 20 s for the machine to be " +
                "under {0:0}% busy; a run with more than {1:0}% other was discarded and redone (at most {2} times per run, and only in the first {3:0} minutes): " +
                "{4} run(s) were redone. A timed part under {6:0} ms is not judged (\"not judged\" below): over a few milliseconds the harness's own work around it " +
                "(reading /proc, answering the client) is most of its other CPU. The largest share left in a judged run that counts is {5:0}%; every run's share is listed below.",
                DisturbanceGuard.QuietBusyPercent, DisturbanceGuard.DisturbedOtherPercent, DisturbanceGuard.MaxRedos, DisturbanceGuard.BudgetMinutes,
                context.Guard.Redone, report.MaxOtherShare, DisturbanceGuard.MinJudgedSeconds * 1000));
        }
    }
}
