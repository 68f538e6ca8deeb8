using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>The fault queue's split between faults for every upload and faults for one file.</summary>
    public sealed class FaultQueueTests
    {
        [Fact]
        public void HasFileFaultsOnlyWhileAFaultForOneFileIsQueued()
        {
            var queue = new FaultQueue();
            Assert.False(queue.HasFileFaults);

            queue.Add(SandboxFault.Status(503));
            Assert.False(queue.HasFileFaults);

            queue.Add(SandboxFault.Status(500, fileName: "bad-*.wav"));
            Assert.True(queue.HasFileFaults);

            Assert.NotNull(queue.TakeForFile("bad-1.wav"));
            Assert.False(queue.HasFileFaults);
        }

        [Fact]
        public void TakeForFileLeavesFaultsForEveryUploadAlone()
        {
            var queue = new FaultQueue();
            SandboxFault everyUpload = SandboxFault.Status(503);
            queue.Add(everyUpload);

            Assert.Null(queue.TakeForFile("call-7.wav"));
            Assert.Null(queue.TakeForFile(null));

            Assert.Same(everyUpload, queue.TakeForRequest());
        }

        [Fact]
        public void TakeForFileTakesTheFirstMatchingFaultForOneFile()
        {
            var queue = new FaultQueue();
            SandboxFault other = SandboxFault.Status(500, fileName: "other.wav");
            SandboxFault mine = SandboxFault.Status(429, fileName: "call-*.wav");
            queue.Add(SandboxFault.Status(503));
            queue.Add(other);
            queue.Add(mine);

            Assert.Same(mine, queue.TakeForFile("CALL-7.wav"));
            Assert.Null(queue.TakeForFile("call-8.wav"));
            Assert.Equal(2, queue.Snapshot().Count);
        }
    }
}
