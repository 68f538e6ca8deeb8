using System;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Entry point. With no mode it runs the whole benchmark; "server" and "httpclient" are the roles this same
    /// executable plays when the harness starts it as a child process; "content-check" times the content check alone.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            string mode = args.Length > 0 ? args[0] : string.Empty;
            try
            {
                switch (mode)
                {
                    case SandboxServerMode.Name:
                        return SandboxServerMode.Run();
                    case ContentCheckBenchmark.Name:
                        return ContentCheckBenchmark.Run();
                    case BareHttpClientMode.Name:
                        return await BareHttpClientMode.RunAsync(args).ConfigureAwait(false);
                    default:
                        return await BenchmarkRun.RunAsync(BenchmarkOptions.Parse(args)).ConfigureAwait(false);
                }
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(BenchmarkOptions.Usage);
                return 2;
            }
        }
    }
}
