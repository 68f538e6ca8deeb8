using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Scenario 3: Import-Module Alpharun in a fresh PowerShell-engine process per sample, the runspace already
    /// open. Two context variants run beside it: the import as the runspace's very first command, and an empty
    /// manifest module (what any Import-Module costs in this host, whatever the module).
    /// </summary>
    internal sealed class ImportBenchmark
    {
        public const string EmptyModuleName = "AlpharunBenchEmpty";

        public ClientSeries Alpharun { get; } = new ClientSeries("Import-Module Alpharun (engine warmed by one Get-Module)");

        public ClientSeries FirstCommand { get; } = new ClientSeries("Import-Module Alpharun as the runspace's first command");

        public ClientSeries EmptyModule { get; } = new ClientSeries("Import-Module of an empty .psd1 module (engine floor)");

        public async Task RunAsync(BenchContext context)
        {
            string emptyRoot = Path.Combine(context.Data.Directory, "modules");
            Directory.CreateDirectory(Path.Combine(emptyRoot, EmptyModuleName));
            File.WriteAllText(Path.Combine(emptyRoot, EmptyModuleName, EmptyModuleName + ".psd1"), "@{ ModuleVersion = '1.0.0' }\n");

            await RepeatedRuns.RunAsync("import", context.Options.ImportSamples, context.Guard, new (ClientSeries, Func<Task<RunSample>>)[]
            {
                (Alpharun, () => TimeAsync(context, new[] { "import", "--warm-engine" })),
                (FirstCommand, () => TimeAsync(context, new[] { "import" })),
                (EmptyModule, () => TimeAsync(context, new[] { "import", "--warm-engine", "--name", EmptyModuleName, "--module-root", emptyRoot })),
            }).ConfigureAwait(false);
        }

        private static async Task<RunSample> TimeAsync(BenchContext context, IEnumerable<string> args)
        {
            ChildResult child = await ChildRun.RunAsync(Launcher.PwshHost(args), context.Server, context.ChildTimeout).ConfigureAwait(false);
            return RunSample.FromChild(child);
        }
    }
}
