using System;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The PowerShell-engine client of the benchmark, started by the harness (bench/Alpharun.Benchmarks):
    /// "upload --base-uri ... " times one Send-AlpharunRecording run; "import [--warm-engine]" times Import-Module.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            switch (args.Length > 0 ? args[0] : string.Empty)
            {
                case "upload":
                    return PwshUploadMode.Run(args);
                case "import":
                    return ImportTimingMode.Run(args);
                default:
                    Console.Error.WriteLine("usage: Alpharun.Benchmarks.PwshHost upload --base-uri URI ... | import [--warm-engine]");
                    return 2;
            }
        }
    }
}
