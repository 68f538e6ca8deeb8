using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// What the module ships can never clash with what PowerShell loads: its own assemblies sit beside the manifest,
    /// NuGet libraries sit in Dependencies/ (for .NET Framework, and on PowerShell 7.6 only a library it does not have
    /// at all), and these tests read the real files.
    /// </summary>
    public class ShippedAssemblyTests
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(PwshSession.BuiltModuleManifest)!;

        private static readonly string[] OwnAssemblies = { "Alpharun.Client", "Alpharun.PowerShell", "Alpharun.Sandbox" };

        // The PowerShell 7.6 engine hosted by this test process: .NET 10 plus the PowerShell SDK's own libraries. Not the
        // module's own dependencies, which the project reference to the module also copies beside the tests
        // (TimeZoneConverter): PowerShell itself does not have them.
        private static readonly Dictionary<string, Version> PowerShellProvides =
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Where(p => !(string.Equals(Path.GetDirectoryName(Path.GetFullPath(p)), Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)
                    && File.Exists(Path.Combine(ModuleFolder, "Dependencies", Path.GetFileName(p)))))
                .Select(p => { try { return AssemblyName.GetAssemblyName(p); } catch (BadImageFormatException) { return null; } })
                .Where(n => n?.Name != null && n.Version != null)
                .GroupBy(n => n!.Name!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Max(n => n!.Version!)!, StringComparer.OrdinalIgnoreCase);

        private sealed record Shipped(string Path, string Name, Version Version, IReadOnlyList<(string Name, Version Version)> References);

        private static Shipped Read(string path)
        {
            using var pe = new PEReader(File.OpenRead(path));
            MetadataReader md = pe.GetMetadataReader();
            AssemblyDefinition definition = md.GetAssemblyDefinition();
            var references = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).Select(r => (md.GetString(r.Name), r.Version)).ToList();
            return new Shipped(path, md.GetString(definition.Name), definition.Version, references);
        }

        private static List<Shipped> TopLevel() => Directory.GetFiles(ModuleFolder, "*.dll").Select(Read).ToList();

        private static List<Shipped> Everything() => Directory.GetFiles(ModuleFolder, "*.dll", SearchOption.AllDirectories).Select(Read).ToList();

        private static List<Shipped> InDependencies() => Directory.GetFiles(Path.Combine(ModuleFolder, "Dependencies"), "*.dll").Select(Read).ToList();

        [Fact]
        public void OnlyTheModulesOwnAssembliesSitBesideTheManifest() =>
            Assert.Equal(OwnAssemblies, TopLevel().Select(a => a.Name).OrderBy(n => n, StringComparer.Ordinal));

        [Fact]
        public void NoAssemblyLoadedOnPowerShell76IsOneItAlreadyProvides()
        {
            var clashes = TopLevel().Where(a => PowerShellProvides.TryGetValue(a.Name, out Version? v) && v != a.Version)
                .Select(a => $"{a.Name} {a.Version} (PowerShell 7.6 has {PowerShellProvides[a.Name]})").ToList();
            Assert.Empty(clashes);
        }

        [Fact]
        public void EveryLibraryTheCmdletsNeedComesFromPowerShell76ItselfAtTheSameOrAHigherVersionOrIsOneItLacksShippedInDependencies()
        {
            // A library PowerShell 7.6 has is always taken from PowerShell (the runtime finds it before the module's
            // resolver is asked); one it lacks altogether (TimeZoneConverter) is loaded from Dependencies/ at exactly
            // the version referenced, so it can never stand in for a copy PowerShell loaded.
            var own = new HashSet<string>(OwnAssemblies);
            Dictionary<string, Version> dependencies = InDependencies().ToDictionary(a => a.Name, a => a.Version);
            var missing = TopLevel().SelectMany(a => a.References)
                .Where(r => !own.Contains(r.Name) && r.Name != "netstandard")
                .Where(r => PowerShellProvides.TryGetValue(r.Name, out Version? v)
                    ? v < r.Version
                    : !(dependencies.TryGetValue(r.Name, out Version? shipped) && shipped == r.Version))
                .Select(r => $"{r.Name} {r.Version}").Distinct().ToList();
            Assert.Empty(missing);
            Assert.Equal(new[] { "TimeZoneConverter" }, TopLevel().SelectMany(a => a.References).Select(r => r.Name)
                .Where(n => !own.Contains(n) && n != "netstandard" && !PowerShellProvides.ContainsKey(n)).Distinct());
        }

        // The import guard of the cmdlet assembly the tests import (the same file as the shipped one: ModuleLayoutTests),
        // read by reflection: it is internal. Loading out/module's copy as well would put a second assembly of the
        // same name into this process beside the one the hosted engine imported.
        private static Type RuntimeSupport() =>
            Assembly.LoadFrom(Path.Combine(Path.GetDirectoryName(PwshSession.ModuleManifest)!, "Alpharun.PowerShell.dll")).GetType("Alpharun.Commands.RuntimeSupport", throwOnError: true)!;

        private static string? ImportProblem(string framework, Version version) =>
            (string?)RuntimeSupport().GetMethod("Problem", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { framework, version });

        [Fact]
        public void NoLibraryIsNewerThanTheDotNetOfTheOldestPowerShell7TheModuleAccepts()
        {
            int minimum = (int)RuntimeSupport().GetField("MinimumDotNetMajor")!.GetRawConstantValue()!;
            var own = new HashSet<string>(OwnAssemblies);
            var tooNew = TopLevel().SelectMany(a => a.References)
                .Where(r => !own.Contains(r.Name) && r.Name != "netstandard" && r.Name != "System.Management.Automation")
                .Where(r => r.Version.Major > minimum)
                .Select(r => $"{r.Name} {r.Version}").Distinct().ToList();
            Assert.Empty(tooNew);
            // And the guard is not lower than what is referenced: System.Text.Json's major is the .NET it comes with.
            Assert.Contains(TopLevel().SelectMany(a => a.References), r => r.Name == "System.Text.Json" && r.Version.Major == minimum);
        }

        [Theory]
        [InlineData(".NET 8.0.11", "8.0.11")]
        [InlineData(".NET 9.0.0", "9.0.0")]
        public void PowerShell74And75AreRefusedAtImportWithAClearMessage(string framework, string version)
        {
            string? problem = ImportProblem(framework, Version.Parse(version));
            Assert.Equal(
                $"Alpharun needs PowerShell 7.6 or later, or Windows PowerShell 5.1. This PowerShell runs on .NET {Version.Parse(version).ToString(2)}, "
                + "which lacks the System.Text.Json version the module uses. Install PowerShell 7.6 (https://aka.ms/powershell), or import the module in Windows PowerShell 5.1.",
                problem);
        }

        [Theory]
        [InlineData(".NET 10.0.5", "10.0.5")]
        [InlineData(".NET Framework 4.8.9290.0", "4.0.30319")]
        public void PowerShell76AndWindowsPowerShell51AreAccepted(string framework, string version) =>
            Assert.Null(ImportProblem(framework, Version.Parse(version)));

        [Fact]
        public void NoShippedAssemblyNeedsABindingRedirectOnDotNetFramework()
        {
            List<Shipped> shipped = Everything();
            var versions = shipped.ToDictionary(a => a.Name, a => a.Version);
            var redirects = shipped.SelectMany(a => a.References.Where(r => versions.ContainsKey(r.Name) && versions[r.Name] != r.Version)
                    .Select(r => $"{a.Name} wants {r.Name} {r.Version}, ships {versions[r.Name]}"))
                .ToList();
            Assert.Empty(redirects);
        }

        [Fact]
        public void EveryNonFrameworkReferenceIsShipped()
        {
            // On .NET Framework only what is shipped (or in the framework / PowerShell itself) can load.
            var frameworkNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "netstandard", "mscorlib", "System", "System.Core", "System.Management.Automation", "System.Net.Http" };
            List<Shipped> shipped = Everything();
            var names = new HashSet<string>(shipped.Select(a => a.Name));
            var unresolved = shipped.SelectMany(a => a.References).Select(r => r.Name)
                .Where(n => !names.Contains(n) && !frameworkNames.Contains(n)).Distinct().ToList();
            Assert.Empty(unresolved);
        }
    }
}
