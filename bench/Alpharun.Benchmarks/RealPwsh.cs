using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The real pwsh the WAN clients run in: the repo's local dotnet tool (.config/dotnet-tools.json, "powershell"),
    /// started as `dotnet pwsh.dll` straight from the NuGet package folder, as `dotnet pwsh` would after
    /// `dotnet tool restore` (which is run once here when the package is not there yet).
    /// </summary>
    internal static class RealPwsh
    {
        private static readonly Lazy<string> Dll = new Lazy<string>(Locate);

        /// <summary>The version the tool manifest pins, e.g. "7.6.9".</summary>
        public static string Version { get; } = ManifestVersion();

        /// <summary>pwsh -NoProfile -NonInteractive -File <paramref name="script"/> with <paramref name="args"/>.</summary>
        public static ProcessStartInfo File(string script, IEnumerable<string> args)
        {
            ProcessStartInfo info = Launcher.Tool(Launcher.DotnetHost, new[] { Dll.Value, "-NoProfile", "-NonInteractive", "-File", script }.Concat(args));
            // No network calls of pwsh's own (the machine may have none): no telemetry, no update check.
            info.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            info.Environment["POWERSHELL_UPDATECHECK"] = "Off";
            return info;
        }

        private static string ManifestVersion()
        {
            string manifest = Path.Combine(Launcher.RepoRoot, ".config", "dotnet-tools.json");
            using JsonDocument doc = JsonDocument.Parse(System.IO.File.ReadAllText(manifest));
            return doc.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString()
                ?? throw new InvalidOperationException($"{manifest} pins no powershell version.");
        }

        private static string Locate()
        {
            string? found = Find();
            if (found != null) return found;
            Console.WriteLine($"pwsh {Version} is not in the NuGet package folder yet; running `dotnet tool restore` ...");
            ProcessStartInfo info = Launcher.Tool(Launcher.DotnetHost, new[] { "tool", "restore" });
            info.WorkingDirectory = Launcher.RepoRoot;
            using (Process restore = Process.Start(info)!)
            {
                var errors = restore.StandardError.ReadToEndAsync();
                restore.StandardOutput.ReadToEnd();
                restore.WaitForExit();
                if (restore.ExitCode != 0) Console.Error.WriteLine(errors.Result);
            }
            return Find() ?? throw new FileNotFoundException($"pwsh {Version} was not found under {PackageFolder()} after `dotnet tool restore`.");
        }

        // <packages>/powershell/<version>/tools/<tfm>/any/<unix|win>/pwsh.dll
        private static string? Find()
        {
            string tools = Path.Combine(PackageFolder(), "powershell", Version, "tools");
            if (!Directory.Exists(tools)) return null;
            string platform = OperatingSystem.IsWindows() ? "win" : "unix";
            return Directory.EnumerateDirectories(tools)
                .Select(tfm => Path.Combine(tfm, "any", platform, "pwsh.dll"))
                .FirstOrDefault(System.IO.File.Exists);
        }

        private static string PackageFolder() =>
            Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }
}
