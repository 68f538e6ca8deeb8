using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Scenario 3: Import-Module in a fresh real pwsh process per sample (ImportSample.ps1), timed in-process after the
    /// engine has imported one empty module: the module, PSResourceGet (the binary module that ships with pwsh) and
    /// another empty module (what any Import-Module costs, whatever the module).
    /// </summary>
    internal sealed class ImportBenchmark
    {
        public const string PSResourceGetName = "Microsoft.PowerShell.PSResourceGet";

        private static readonly string SampleScript = Path.Combine(AppContext.BaseDirectory, "ImportSample.ps1");

        public ClientSeries Alpharun { get; } = new ClientSeries("Import-Module Alpharun");

        public ClientSeries PSResourceGet { get; } = new ClientSeries($"Import-Module {PSResourceGetName}");

        public ClientSeries EmptyModule { get; } = new ClientSeries("Import-Module of an empty .psd1 module (floor)");

        public async Task RunAsync(BenchContext context)
        {
            string warmUp = EmptyManifest(context, "AlpharunBenchWarmUp");
            string empty = EmptyManifest(context, "AlpharunBenchEmpty");
            string alpharun = Launcher.ModuleManifest;
            await RepeatedRuns.RunAsync("import", context.Options.ImportSamples, context.Guard, new (ClientSeries, Func<Task<RunSample>>)[]
            {
                (Alpharun, () => TimeAsync(context, warmUp, alpharun, Path.GetDirectoryName(alpharun))),
                (PSResourceGet, () => TimeAsync(context, warmUp, PSResourceGetName, null)),
                (EmptyModule, () => TimeAsync(context, warmUp, empty, Path.GetDirectoryName(empty))),
            }).ConfigureAwait(false);
        }

        // A manifest with a GUID of its own, so the warm-up import and the timed one are two different modules.
        private static string EmptyManifest(BenchContext context, string name)
        {
            string folder = Path.Combine(context.Data.Directory, "modules", name);
            Directory.CreateDirectory(folder);
            string manifest = Path.Combine(folder, name + ".psd1");
            File.WriteAllText(manifest, $"@{{ ModuleVersion = '1.0.0'; GUID = '{Guid.NewGuid()}' }}\n");
            return manifest;
        }

        private static async Task<RunSample> TimeAsync(BenchContext context, string warmUp, string target, string? expectedBase)
        {
            var args = new List<string> { "-WarmUp", warmUp, "-Target", target };
            if (expectedBase != null) args.AddRange(new[] { "-ExpectedBase", expectedBase });
            ChildResult child = await ChildRun.RunAsync(RealPwsh.File(SampleScript, args), context.Server, context.ChildTimeout).ConfigureAwait(false);
            return RunSample.FromChild(child);
        }
    }
}
