using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// The engine-hosted tests import the module from this project's output folder (so that a mutation tool's rewritten
    /// assembly is what they load); in a normal build that folder holds the very files the build laid out in
    /// out/module/Alpharun, so the tests hold what ships. (Under mutation testing this test fails by design: it is
    /// left out of every partition's filter.)
    /// </summary>
    public class ModuleLayoutTests
    {
        private static readonly string Built = Path.GetDirectoryName(PwshSession.BuiltModuleManifest)!;
        private static readonly string Imported = Path.GetDirectoryName(PwshSession.ModuleManifest)!;

        [Fact]
        public void TheModuleTheTestsImportIsTheBuiltModuleFileForFile()
        {
            // Everything out/module/Alpharun holds except Dependencies/, which only Windows PowerShell 5.1 loads.
            string[] files = Directory.GetFiles(Built, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Built, f))
                .Where(f => !f.StartsWith("Dependencies" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
            Assert.Equal(
                new[] { "Alpharun.Client.dll", "Alpharun.Format.ps1xml", "Alpharun.PowerShell.dll", "Alpharun.Sandbox.dll", "Alpharun.psd1", Path.Combine("en-US", "Alpharun.PowerShell.dll-Help.xml"), Path.Combine("en-US", "about_Alpharun.help.txt") },
                files);
            var different = files.Where(f => !File.Exists(Path.Combine(Imported, f)) || !File.ReadAllBytes(Path.Combine(Imported, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Built, f)))).ToList();
            Assert.True(different.Count == 0, "Not the same in " + Imported + ": " + string.Join(", ", different));
        }

        [Fact]
        public void TheHostedEngineLoadsTheModulesAssembliesFromTheImportedFolder()
        {
            using var session = new PwshSession();
            // A type name resolves only once its assembly is loaded, which the sandbox's start and stop do for both
            // (alone, this test once failed there: earlier tests in the process had loaded them).
            session.Run("Start-AlpharunSandbox | Out-Null; Stop-AlpharunSandbox").ThrowIfFailed();
            PwshResult result = session.Run(
                "(Get-Module Alpharun).ModuleBase; [Alpharun.Commands.SendAlpharunRecordingCommand].Assembly.Location; [Alpharun.Sandbox.SandboxServer].Assembly.Location; [Alpharun.AlpharunClient].Assembly.Location").ThrowIfFailed();
            Assert.Equal(
                new[] { Imported, Path.Combine(Imported, "Alpharun.PowerShell.dll"), Path.Combine(Imported, "Alpharun.Sandbox.dll"), Path.Combine(Imported, "Alpharun.Client.dll") },
                result.Output.Select(o => Path.GetFullPath((string)o.BaseObject)).Select(p => p.TrimEnd(Path.DirectorySeparatorChar)).ToArray());
        }
    }
}
