using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Alpharun.Benchmarks
{
    /// <summary>How the harness starts its child processes: itself in another role, or a tool (real pwsh is <see cref="RealPwsh"/>).</summary>
    internal static class Launcher
    {
        public static readonly string RepoRoot = Metadata("RepoRoot");

        public static string ResultsFile => Path.Combine(RepoRoot, "bench", "results", "latest.md");

        /// <summary>This executable in another role ("server", "httpclient").</summary>
        public static ProcessStartInfo Self(IEnumerable<string> args) => DotnetApp(typeof(Launcher).Assembly.Location, args);

        /// <summary>The module as the build lays it out (a build-order project reference builds it with the harness).</summary>
        public static string ModuleManifest => Path.Combine(RepoRoot, "out", "module", "Alpharun", "Alpharun.psd1");

        /// <summary>The dotnet executable running this harness (set by `dotnet run`), or "dotnet" from PATH.</summary>
        public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

        public static ProcessStartInfo Tool(string fileName, IEnumerable<string> args) => Prepare(new ProcessStartInfo(fileName), args);

        // Through its apphost when there is one.
        private static ProcessStartInfo DotnetApp(string assemblyPath, IEnumerable<string> args)
        {
            string appHost = Path.ChangeExtension(assemblyPath, OperatingSystem.IsWindows() ? ".exe" : null);
            if (File.Exists(appHost)) return Prepare(new ProcessStartInfo(appHost), args);
            return Prepare(new ProcessStartInfo(DotnetHost), new[] { assemblyPath }.Concat(args));
        }

        private static ProcessStartInfo Prepare(ProcessStartInfo info, IEnumerable<string> args)
        {
            foreach (string arg in args) info.ArgumentList.Add(arg);
            info.UseShellExecute = false;
            info.RedirectStandardInput = true;
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            // Tools print numbers (bash's EPOCHREALTIME, GNU time) in the C locale's format.
            info.Environment["LC_ALL"] = "C";
            return info;
        }

        private static string Metadata(string key) =>
            typeof(Launcher).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"The build did not record {key}.");
    }
}
