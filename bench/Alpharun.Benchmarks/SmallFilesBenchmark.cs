using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Scenario 2: many small files. Send-AlpharunRecording in real pwsh at -ThrottleLimit 1, 4 (the default) and 8
    /// against the bare sequential HttpClient loop and a curl shell loop.
    /// </summary>
    internal sealed class SmallFilesBenchmark
    {
        public SmallFilesBenchmark(IEnumerable<int> parallelThrottles)
        {
            Parallel = parallelThrottles.Select(t => (t, new ClientSeries($"Send-AlpharunRecording -ThrottleLimit {t}"))).ToList();
        }

        /// <summary>-ThrottleLimit 1: both the "sequential" row and the base of the speed-ups.</summary>
        public ClientSeries Sequential { get; } = new ClientSeries("Send-AlpharunRecording -ThrottleLimit 1");

        public ClientSeries HttpClient { get; } = new ClientSeries("bare HttpClient loop (sequential)");

        public ClientSeries CurlLoop { get; } = new ClientSeries("curl in a bash for-loop (one process per file)");

        /// <summary>2b's code inside a real pwsh process: what the process around the module costs, not the module.</summary>
        public ClientSeries HttpClientInPwsh { get; } = new ClientSeries("2b's bare HttpClient loop inside real pwsh");

        public IReadOnlyList<(int Throttle, ClientSeries Series)> Parallel { get; }

        public async Task RunAsync(BenchContext context)
        {
            string list = context.Data.SmallList;
            var clients = new List<(ClientSeries, Func<Task<RunSample>>)>
            {
                (Sequential, () => ClientRuns.RunModuleAsync(context, list, 1)),
                (HttpClient, () => ClientRuns.RunHttpClientAsync(context, list)),
                (CurlLoop, () => CurlClient.RunLoopAsync(context, list)),
                (HttpClientInPwsh, () => ClientRuns.RunHttpClientInPwshAsync(context, list)),
            };
            foreach ((int throttle, ClientSeries series) in Parallel)
            {
                clients.Add((series, () => ClientRuns.RunModuleAsync(context, list, throttle)));
            }
            await RepeatedRuns.RunAsync($"{context.Options.SmallFiles} x {context.Options.SmallFileKiB} KiB", context.Options.SmallReps, context.Guard, clients).ConfigureAwait(false);
        }
    }
}
