using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Starts the uploading clients, each in a fresh process: Send-AlpharunRecording (and, for the WAN scenario,
    /// Invoke-RestMethod) in real pwsh through PwshClient.ps1, and the bare HttpClient loop (this executable's
    /// "httpclient" role), in its own process or inside a real pwsh.
    /// </summary>
    internal static class ClientRuns
    {
        private static readonly string ClientScript = Path.Combine(AppContext.BaseDirectory, "PwshClient.ps1");
        private static readonly string BareInPwshScript = Path.Combine(AppContext.BaseDirectory, "BareHttpClientInPwsh.ps1");
        private static int _jobFiles;

        /// <summary>Send-AlpharunRecording -ThrottleLimit <paramref name="throttleLimit"/> in real pwsh, straight to the sandbox.</summary>
        public static async Task<RunSample> RunModuleAsync(BenchContext context, string filesList, int throttleLimit)
        {
            ProcessStartInfo info = PwshClient(context, "Module", context.Server.BaseUri, throttleLimit, filesList);
            ChildResult child = await ChildRun.RunAsync(info, context.Server, context.ChildTimeout).ConfigureAwait(false);
            return RunSample.FromChild(child);
        }

        /// <summary>The bare HttpClient loop; always sequential.</summary>
        public static async Task<RunSample> RunHttpClientAsync(BenchContext context, string filesList)
        {
            var args = new[] { BareHttpClientMode.Name }.Concat(context.JobArguments(filesList, 1));
            ChildResult child = await ChildRun.RunAsync(Launcher.Self(args), context.Server, context.ChildTimeout).ConfigureAwait(false);
            return RunSample.FromChild(child);
        }

        /// <summary>
        /// The bare HttpClient loop's own code run inside a real pwsh process (BareHttpClientInPwsh.ps1): what the
        /// pwsh process around an upload costs, whatever uploads.
        /// </summary>
        public static async Task<RunSample> RunHttpClientInPwshAsync(BenchContext context, string filesList)
        {
            string jobFile = Path.Combine(context.Data.Directory, $"job-{Interlocked.Increment(ref _jobFiles)}.txt");
            File.WriteAllLines(jobFile, new[] { BareHttpClientMode.Name }.Concat(context.JobArguments(filesList, 1)));
            ProcessStartInfo info = RealPwsh.File(BareInPwshScript, new[] { "-Harness", typeof(ClientRuns).Assembly.Location, "-JobFile", jobFile });
            ChildResult child = await ChildRun.RunAsync(info, context.Server, context.ChildTimeout).ConfigureAwait(false);
            return RunSample.FromChild(child);
        }

        /// <summary>
        /// A real pwsh running PwshClient.ps1 as <paramref name="client"/> (Module, IrmLoop or IrmParallel) against
        /// <paramref name="baseUri"/>, with fresh recorded_at values for the warm-up and the timed part.
        /// </summary>
        public static ProcessStartInfo PwshClient(BenchContext context, string client, Uri baseUri, int throttleLimit, string filesList) =>
            RealPwsh.File(ClientScript, new List<string>
            {
                "-Client", client,
                "-BaseUri", baseUri.AbsoluteUri,
                "-ApiKey", context.ApiKey,
                "-FilesList", filesList,
                "-WarmupList", context.Data.WarmupList,
                "-RecordedAt", FormRecordedAt(context.NextRecordedAt()),
                "-WarmupRecordedAt", FormRecordedAt(context.NextRecordedAt()),
                "-ThrottleLimit", throttleLimit.ToString(CultureInfo.InvariantCulture),
                "-ModulePath", Launcher.ModuleManifest,
            });

        // The form field as a user types it: ISO 8601 with the offset, no fractions.
        private static string FormRecordedAt(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
