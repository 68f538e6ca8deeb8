using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection.PortableExecutable;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Times "Import-Module &lt;name&gt;" once in a fresh process, in a runspace that is already open (its open is
    /// not timed). With --warm-engine a trivial core cmdlet runs first, as a prompt's start-up has by the time a
    /// user types; without it, the import is the first command the runspace ever runs. --name and --module-root
    /// time another module (the harness uses an empty one to show the engine's own floor).
    /// </summary>
    internal static class ImportTimingMode
    {
        public static int Run(string[] args)
        {
            bool warmEngine = args.Contains("--warm-engine");
            string name = Option(args, "--name") ?? "Alpharun";
            string moduleRoot = Option(args, "--module-root") ?? PwshRunspace.ModuleRoot;

            using PwshRunspace runspace = PwshRunspace.Open(moduleRoot);
            // Get-Module (no -ListAvailable) is in the engine's core: it neither scans PSModulePath nor loads a module.
            if (warmEngine) runspace.Run("$null = Get-Module");

            using PowerShell ps = runspace.CreatePipeline();
            ps.AddCommand("Import-Module").AddParameter("Name", name).AddParameter("ErrorAction", "Stop");
            // The same bracket as the uploads: the harness sees the CPU used around the import, so disturbed samples show.
            var timed = new TimedSection();
            var report = new ClientReport();
            timed.Begin();
            ps.Invoke();
            timed.End(report);
            if (ps.Streams.Error.Count > 0) throw new InvalidOperationException(ps.Streams.Error[0].ToString());

            // Make sure it was the intended copy that was timed, not another one on PSModulePath.
            string moduleBase = runspace.Run($"(Get-Module '{name}').ModuleBase").Single().ToString();
            string expected = Path.Combine(moduleRoot, name);
            if (!string.Equals(Path.GetFullPath(moduleBase).TrimEnd('/'), Path.GetFullPath(expected).TrimEnd('/'), StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"Imported {moduleBase}, expected {expected}.");
                return 1;
            }
            string version = runspace.Run("$PSVersionTable.PSVersion.ToString()").Single().ToString();
            string compiled = IsReadyToRun(typeof(PSObject).Assembly.Location) ? "ReadyToRun-compiled" : "not ReadyToRun-compiled (JIT only)";
            string engine = $"{version} (Microsoft.PowerShell.SDK; System.Management.Automation.dll {compiled})";
            report.Note = engine;
            Console.Out.WriteLine(report.ToLine());
            return 0;
        }

        // A shipped pwsh is ReadyToRun-compiled; the NuGet engine may not be, which makes every import in this host slower.
        private static bool IsReadyToRun(string assemblyPath)
        {
            using FileStream file = File.OpenRead(assemblyPath);
            using var pe = new PEReader(file);
            return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
        }

        private static string? Option(string[] args, string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
    }
}
