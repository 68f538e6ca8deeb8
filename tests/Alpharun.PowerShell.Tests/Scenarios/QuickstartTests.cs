using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    public class QuickstartTests
    {
        [Fact]
        public void QuickstartCreatesEachExampleRecordingThenFindsThemAlreadyExisting()
        {
            string examples = Path.Combine(PwshSession.RepoRoot, "examples");
            int recordings = Directory.GetFiles(Path.Combine(examples, "recordings"), "*.wav").Length;
            using var session = new PwshSession(importModule: false);

            PwshResult result = session.Run("& $args[0]", Path.Combine(examples, "Quickstart.ps1")).ThrowIfFailed();

            var uploads = result.Output.Where(o => o.TypeNames[0] == "Alpharun.RecordingUpload").ToList();
            Assert.True(recordings >= 3, "examples/recordings holds the quick start's files");
            Assert.Equal(2 * recordings, uploads.Count);
            var first = uploads.Take(recordings).ToList();
            var second = uploads.Skip(recordings).ToList();
            Assert.All(first, o => Assert.Equal("Created", o.Properties["Status"].Value.ToString()));
            Assert.All(second, o => Assert.Equal("AlreadyExisted", o.Properties["Status"].Value.ToString()));
            Assert.Equal(first.Select(o => o.Properties["RecordingId"].Value), second.Select(o => o.Properties["RecordingId"].Value));
        }
    }
}
