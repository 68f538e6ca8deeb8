using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// tools/Alpharun.HelpBuilder refuses incomplete help: run on a copy of the built module and docs/help with one
    /// page's examples cut, it fails, says which page and why, and writes no help.
    /// </summary>
    public sealed class HelpBuilderTests : IDisposable
    {
#if DEBUG
        private const string Configuration = "Debug";
#else
        private const string Configuration = "Release";
#endif
        private static readonly string Builder = Path.Combine(PwshSession.RepoRoot, "tools", "Alpharun.HelpBuilder", "bin", Configuration, "net10.0", "Alpharun.HelpBuilder.dll");
        private readonly string _root = Path.Combine(Path.GetTempPath(), "alpharun-helpbuilder-" + Guid.NewGuid().ToString("N"));

        public HelpBuilderTests()
        {
            string module = Path.Combine(_root, "out", "module", "Alpharun");
            Copy(Path.Combine(PwshSession.RepoRoot, "out", "module", "Alpharun"), module);
            // Only what the builder reads: the manifest and assemblies, not the help it is about to write.
            Directory.Delete(Path.Combine(module, "en-US"), recursive: true);
            Copy(Path.Combine(PwshSession.RepoRoot, "docs", "help"), Path.Combine(_root, "docs", "help"));
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private string Page => Path.Combine(_root, "docs", "help", "Disconnect-Alpharun.md");

        private string Maml => Path.Combine(_root, "out", "module", "Alpharun", "en-US", "Alpharun.PowerShell.dll-Help.xml");

        [Fact]
        public void CompleteHelpBuildsAndIsWritten()
        {
            (int exitCode, string errors) = RunBuilder();

            Assert.True(exitCode == 0, errors);
            Assert.True(File.Exists(Maml));
        }

        [Theory]
        [InlineData("## PARAMETERS", 0)]
        [InlineData("### Example 2", 1)]
        public void APageWithFewerThanTwoExamplesFailsTheBuildAndNoHelpIsWritten(string cutBefore, int examplesLeft)
        {
            string text = File.ReadAllText(Page);
            int from = text.IndexOf("## EXAMPLES", StringComparison.Ordinal) + "## EXAMPLES\n".Length;
            int to = text.IndexOf("## PARAMETERS", StringComparison.Ordinal);
            int cut = examplesLeft == 0 ? from : text.IndexOf(cutBefore, StringComparison.Ordinal);
            Assert.True(cut > 0 && to > cut);
            File.WriteAllText(Page, text.Substring(0, cut) + "\n" + text.Substring(to));

            (int exitCode, string errors) = RunBuilder();

            Assert.Equal(1, exitCode);
            Assert.Contains($"Disconnect-Alpharun has {examplesLeft} example(s); at least 2 are required.", errors);
            Assert.Contains("Alpharun help: 1 problem(s); no help was written.", errors);
            Assert.False(File.Exists(Maml));
        }

        private (int ExitCode, string Errors) RunBuilder()
        {
            Assert.True(File.Exists(Builder), $"{Builder} is missing: the test project builds tools/Alpharun.HelpBuilder.");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(Builder);
            start.ArgumentList.Add(_root);
            using Process process = Process.Start(start)!;
            System.Threading.Tasks.Task<string> output = process.StandardOutput.ReadToEndAsync();
            string errors = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "the help builder did not finish in 2 minutes");
            _ = output.Result;
            return (process.ExitCode, errors);
        }

        private static void Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            foreach (string folder in Directory.GetDirectories(from)) Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
