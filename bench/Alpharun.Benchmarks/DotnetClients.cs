using System.Linq;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>Starts the two .NET clients, each in a fresh process: the PowerShell host and the bare HttpClient loop.</summary>
    internal static class DotnetClients
    {
        /// <summary>Send-AlpharunRecording in the PowerShell 7.6 engine (bench/Alpharun.Benchmarks.PwshHost).</summary>
        public static async Task<RunSample> RunPwshAsync(BenchContext context, string filesList, int throttleLimit)
        {
            var args = new[] { "upload" }.Concat(context.JobArguments(filesList, throttleLimit));
            ChildResult child = await ChildRun.RunAsync(Launcher.PwshHost(args), context.Server, context.ChildTimeout).ConfigureAwait(false);
            return RunSample.FromChild(child);
        }

        /// <summary>The bare HttpClient loop, this executable's "httpclient" role; always sequential.</summary>
        public static async Task<RunSample> RunHttpClientAsync(BenchContext context, string filesList)
        {
            var args = new[] { BareHttpClientMode.Name }.Concat(context.JobArguments(filesList, 1));
            ChildResult child = await ChildRun.RunAsync(Launcher.Self(args), context.Server, context.ChildTimeout).ConfigureAwait(false);
            return RunSample.FromChild(child);
        }
    }
}
