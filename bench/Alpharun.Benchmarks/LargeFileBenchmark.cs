using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>Scenario 1: the one large file, through Send-AlpharunRecording, the bare HttpClient loop and curl -F.</summary>
    internal sealed class LargeFileBenchmark
    {
        public ClientSeries Pwsh { get; } = new ClientSeries("Send-AlpharunRecording (real pwsh)");

        public ClientSeries HttpClient { get; } = new ClientSeries("bare HttpClient + MultipartFormDataContent");

        public ClientSeries Curl { get; } = new ClientSeries("curl -F");

        public async Task RunAsync(BenchContext context)
        {
            string list = context.Data.LargeList;
            await RepeatedRuns.RunAsync($"{context.Options.LargeFileMiB} MiB", context.Options.LargeReps, context.Guard, new (ClientSeries, System.Func<Task<RunSample>>)[]
            {
                (Pwsh, () => ClientRuns.RunModuleAsync(context, list, 1)),
                (HttpClient, () => ClientRuns.RunHttpClientAsync(context, list)),
                (Curl, () => CurlClient.RunSingleAsync(context, context.Data.LargeFile)),
            }).ConfigureAwait(false);
        }
    }
}
