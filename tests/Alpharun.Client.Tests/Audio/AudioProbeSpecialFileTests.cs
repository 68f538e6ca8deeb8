using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests
{
    public sealed class AudioProbeSpecialFileTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        [DllImport("libc", SetLastError = true)]
        private static extern int mkfifo(string path, uint mode);

        [Fact]
        public async Task ANamedPipeIsNotOpenedSoTheCheckCannotWaitForAWriter()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            string fifo = Path.Combine(_files.Folder, "pipe.wav");
            Assert.Equal(0, mkfifo(fifo, Convert.ToUInt32("644", 8)));

            Task<AudioInfo> probe = Task.Run(() => AudioProbe.Probe(fifo));
            bool finished = await Task.WhenAny(probe, Task.Delay(TimeSpan.FromSeconds(5))) == probe; // a deadline
            if (!finished)
            {
                // Release the blocked open, so the test run can end.
                using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            }

            Assert.True(finished, "the check opened the named pipe and waited for a writer");
            Assert.Same(AudioInfo.Unrecognised, await probe);
        }

        [Fact]
        public void AMissingFileIsUnrecognisedForTheValidatorToReport() =>
            Assert.Same(AudioInfo.Unrecognised, AudioProbe.Probe(Path.Combine(_files.Folder, "gone.wav")));
    }
}
