using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The WAN scenario: the sandbox behind <see cref="WanProxy"/> (a round-trip delay and TLS with a certificate
    /// made for the run), uploaded to by real pwsh processes: Send-AlpharunRecording at -ThrottleLimit 1, 4 (its
    /// default) and 8, a sequential Invoke-RestMethod -Form loop (what a user writes instead), and
    /// ForEach-Object -Parallel over Invoke-RestMethod at the module's default of 4.
    /// </summary>
    internal sealed class WanBenchmark
    {
        /// <summary>Send-AlpharunRecording's default -ThrottleLimit; the target compares the module at it.</summary>
        public const int DefaultThrottle = Targets.DefaultThrottle;

        public ClientSeries Module1 { get; } = new ClientSeries("Send-AlpharunRecording -ThrottleLimit 1");

        public ClientSeries Module4 { get; } = new ClientSeries($"Send-AlpharunRecording (default -ThrottleLimit {DefaultThrottle})");

        public ClientSeries Module8 { get; } = new ClientSeries("Send-AlpharunRecording -ThrottleLimit 8");

        public ClientSeries IrmLoop { get; } = new ClientSeries("foreach { Invoke-RestMethod -Form } (sequential)");

        public ClientSeries IrmParallel { get; } = new ClientSeries($"ForEach-Object -Parallel -ThrottleLimit {DefaultThrottle} {{ Invoke-RestMethod -Form }}");

        /// <summary>The proxy's added round trip as measured before the clients ran.</summary>
        public LinkMeasurement? Link { get; private set; }

        /// <summary>The TLS protocol and cipher suite the clients negotiated.</summary>
        public string? Negotiated { get; private set; }

        public async Task RunAsync(BenchContext context)
        {
            BenchmarkOptions options = context.Options;
            using RunCertificate trust = RunCertificate.Create();
            using WanProxy proxy = WanProxy.Start(context.Server.BaseUri, trust.Certificate, TimeSpan.FromMilliseconds(options.WanRoundTripMs), options.WanMegabits);
            Console.WriteLine($"WAN proxy at {proxy.BaseUri} -> {context.Server.BaseUri} ({options.WanRoundTripMs} ms round trip" +
                (options.WanMegabits.HasValue ? $", {options.WanMegabits} Mbit/s each way" : string.Empty) + $"); clients trust its certificate through {RunCertificate.TrustVariable}={trust.BundlePath}");

            Link = await LinkProbe.MeasureAsync(proxy.BaseUri, context.Server.BaseUri, trust).ConfigureAwait(false);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "  measured: new connection + TLS + request {0:0.0} ms; request on the open connection {1:0.0} ms (median of 10); straight to the sandbox {2:0.00} ms",
                Link.NewConnectionMs, Link.OpenConnectionMs, Link.DirectMs));

            string files = context.Data.WanList;
            var clients = new List<(ClientSeries, Func<Task<RunSample>>)>
            {
                (Module1, () => RunClientAsync(context, proxy, trust, "Module", 1, files)),
                (Module4, () => RunClientAsync(context, proxy, trust, "Module", DefaultThrottle, files)),
                (Module8, () => RunClientAsync(context, proxy, trust, "Module", 8, files)),
                (IrmLoop, () => RunClientAsync(context, proxy, trust, "IrmLoop", 1, context.Data.WanLoopList)),
                (IrmParallel, () => RunClientAsync(context, proxy, trust, "IrmParallel", DefaultThrottle, files)),
            };
            await RepeatedRuns.RunAsync($"WAN {options.WanRoundTripMs} ms", options.WanReps, context.Guard, clients).ConfigureAwait(false);
            Negotiated = proxy.Negotiated;
            // Every client process has exited, so every connection closes from its end once that end crosses the link.
            var closing = Stopwatch.StartNew();
            while (proxy.Open > 0 && closing.Elapsed < TimeSpan.FromSeconds(5)) await Task.Delay(50).ConfigureAwait(false);
            Console.WriteLine($"  proxy: {proxy.Connections} connections, {proxy.Handshakes} TLS handshakes; {proxy.Open} still open {closing.Elapsed.TotalSeconds:0.0} s after the last client exited");
        }

        private static async Task<RunSample> RunClientAsync(BenchContext context, WanProxy proxy, RunCertificate trust, string client, int throttle, string filesList)
        {
            ProcessStartInfo info = ClientRuns.PwshClient(context, client, proxy.BaseUri, throttle, filesList);
            // The run's certificate is trusted by this process alone, for this run alone.
            info.Environment[RunCertificate.TrustVariable] = trust.BundlePath;

            int connectionsAtStart = 0;
            int connectionsAtEnd = 0;
            TimeSpan proxyCpuAtStart = TimeSpan.Zero;
            TimeSpan proxyCpuAtEnd = TimeSpan.Zero;
            void AtMarker(bool start)
            {
                // The proxy runs in this (the harness) process, so its CPU is this process's over the timed part.
                TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
                if (start)
                {
                    connectionsAtStart = proxy.Connections;
                    proxyCpuAtStart = cpu;
                }
                else
                {
                    connectionsAtEnd = proxy.Connections;
                    proxyCpuAtEnd = cpu;
                }
            }

            ChildResult child = await ChildRun.RunAsync(info, context.Server, context.ChildTimeout, atMarker: AtMarker).ConfigureAwait(false);
            RunSample sample = RunSample.FromChild(child);
            if (child.SawMarkers)
            {
                sample.Connections = connectionsAtEnd - connectionsAtStart;
                sample.ProxyCpuSeconds = (proxyCpuAtEnd - proxyCpuAtStart).TotalSeconds;
            }
            return sample;
        }
    }
}
