using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Scenario 1: the one large file, through Send-AlpharunRecording, the bare HttpClient loop and curl -F, and the
    /// bare loop's code inside real pwsh (to tell the module's cost from the pwsh process's).
    /// </summary>
    internal sealed class LargeFileBenchmark
    {
        public ClientSeries Pwsh { get; } = new ClientSeries("Send-AlpharunRecording (real pwsh)");

        public ClientSeries HttpClient { get; } = new ClientSeries("bare HttpClient + MultipartFormDataContent");

        public ClientSeries Curl { get; } = new ClientSeries("curl -F");

        /// <summary>1b's code inside a real pwsh process: what the process around the module costs, not the module.</summary>
        public ClientSeries HttpClientInPwsh { get; } = new ClientSeries("1b's bare HttpClient code inside real pwsh");

        public async Task RunAsync(BenchContext context)
        {
            string list = context.Data.LargeList;
            await RepeatedRuns.RunAsync($"{context.Options.LargeFileMiB} MiB", context.Options.LargeReps, context.Guard, new (ClientSeries, System.Func<Task<RunSample>>)[]
            {
                (Pwsh, () => ClientRuns.RunModuleAsync(context, list, 1)),
                (HttpClient, () => ClientRuns.RunHttpClientAsync(context, list)),
                (Curl, () => CurlClient.RunSingleAsync(context, context.Data.LargeFile)),
                (HttpClientInPwsh, () => ClientRuns.RunHttpClientInPwshAsync(context, list)),
            }).ConfigureAwait(false);
        }
    }
}
