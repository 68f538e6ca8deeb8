using Xunit;

namespace Alpharun.PowerShell.Tests
{
    public class EngineSmokeTests
    {
        [Fact]
        public void HostedEngineHasTheFileSystemCmdletsUsersUse()
        {
            using var session = new PwshSession(importModule: false);
            PwshResult result = session.Run("(Get-ChildItem -LiteralPath $args[0] -File | Select-Object -First 1).GetType().FullName; ('a' | Out-String).Trim(); $PSVersionTable.PSVersion.ToString()", PwshSession.RepoRoot);
            result.ThrowIfFailed();
            Assert.Equal("System.IO.FileInfo", result.Output[0].BaseObject);
            Assert.Equal("a", result.Output[1].BaseObject);
            Assert.StartsWith("7.6", (string)result.Output[2].BaseObject);
        }
    }
}
