using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>build.ps1 -Task Package lays out the module as the Gallery installs it, and it works from there by name.</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public class PackageTests : IDisposable
    {
        private readonly Recordings _files = new Recordings();

        public void Dispose() => _files.Dispose();

        [Fact]
        public void PackagedModuleImportsByNameThroughPSModulePathAndUploads()
        {
            string output = Path.Combine(_files.Folder, "out");
            using (var builder = new PwshSession(importModule: false))
            {
                builder.Run("& $args[0] -Task Package -OutputPath $args[1]", Path.Combine(PwshSession.RepoRoot, "build.ps1"), output).ThrowIfFailed();
            }

            string version = PwshSession.ModuleVersion;
            string folder = Path.Combine(output, "Alpharun", version);
            var shipped = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToList();
            Assert.Contains("Alpharun.psd1", shipped);
            Assert.Contains("Alpharun.PowerShell.dll", shipped);
            Assert.Contains("Dependencies/System.Text.Json.dll", shipped);
            Assert.DoesNotContain(shipped, f => f.EndsWith(".pdb") || f.EndsWith(".deps.json"));

            using (ZipArchive nupkg = ZipFile.OpenRead(Path.Combine(output, $"Alpharun.{version}.nupkg")))
            {
                var entries = nupkg.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("Alpharun.psd1", entries);
                Assert.Contains("Dependencies/System.Text.Json.dll", entries);
                using var nuspec = new StreamReader(nupkg.GetEntry("Alpharun.nuspec")!.Open());
                string text = nuspec.ReadToEnd();
                Assert.Contains($"<version>{version}</version>", text);
                Assert.Contains("PSCmdlet_Send-AlpharunRecording", text);
            }

            string? saved = Environment.GetEnvironmentVariable("PSModulePath");
            try
            {
                Environment.SetEnvironmentVariable("PSModulePath", output + Path.PathSeparator + saved);
                using var user = new PwshSession(importModule: false);
                PwshResult result = user.Run(@"
                    (Import-Module Alpharun -PassThru).ModuleBase
                    Start-AlpharunSandbox | Out-Null
                    (Send-AlpharunRecording -LiteralPath $args[0] -Teammate ana@acme.com -Contact bob@client.com).Status.ToString()",
                    _files.Create("packaged.wav")).ThrowIfFailed();
                Assert.Equal(folder, result.Output[0].BaseObject);
                Assert.Equal("Created", result.Output[1].BaseObject);
            }
            finally
            {
                Environment.SetEnvironmentVariable("PSModulePath", saved);
            }
        }

        [Fact]
        public void PublishWithoutAGalleryKeySaysWhatToSet()
        {
            using var session = new PwshSession(importModule: false);
            string? saved = Environment.GetEnvironmentVariable("PSGALLERY_API_KEY");
            Environment.SetEnvironmentVariable("PSGALLERY_API_KEY", null);
            try
            {
                PwshResult result = session.Run("try { & $args[0] -Task Publish } catch { $_.Exception.Message }", Path.Combine(PwshSession.RepoRoot, "build.ps1"));
                Assert.Contains("PSGALLERY_API_KEY", (string)result.Output.Single().BaseObject);
            }
            finally
            {
                Environment.SetEnvironmentVariable("PSGALLERY_API_KEY", saved);
            }
        }
    }
}
