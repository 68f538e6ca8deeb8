using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Alpharun.Tests.Security;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// The one place a recording is opened (issue 19 item 5) and how a link is followed (issue 18 item 1): the sharing
    /// rule, the decision that a failed open is another program holding the file, what a link leads to, and what is
    /// never opened.
    /// </summary>
    public sealed class RecordingFileTests : IDisposable
    {
        private static readonly DateTime Old = new DateTime(2024, 1, 15, 12, 0, 0, DateTimeKind.Utc);
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private string Link(string name, string target)
        {
            string link = Path.Combine(_files.Folder, name);
            File.CreateSymbolicLink(link, target);
            return link;
        }

        private static void MakeFifo(string path)
        {
            using Process mkfifo = Process.Start("mkfifo", new[] { path })!;
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        /// <summary>Runs <paramref name="action"/> on the thread pool; a hang (a pipe opened) fails the test instead of the run.</summary>
        private static T WithinSeconds<T>(Func<T> action)
        {
            Task<T> task = Task.Run(action);
            Assert.True(task.Wait(TimeSpan.FromSeconds(10)), "It hung: something opened a named pipe and waits for a writer.");
            return task.Result;
        }

        [Fact]
        public void EveryOpenSharesReadingWritingAndDeleting() =>
            Assert.Equal(FileShare.ReadWrite | FileShare.Delete, RecordingFile.Sharing);

        [Fact]
        public void NothingInTheCoreOpensARecordingButRecordingFile()
        {
            // The rule is one place: before issue 19 the validator, the probe, the hash and the body each opened the
            // file themselves, with different sharing. The journal opens its own files, not recordings.
            string root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "Alpharun.sln"))) root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
            string core = Path.Combine(root, "src", "Alpharun.Client");
            string[] opening = Directory.GetFiles(core, "*.cs", SearchOption.AllDirectories)
                .Where(f => File.ReadAllText(f).Contains("new FileStream(", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(core, f).Replace('\\', '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
            Assert.Equal(new[] { "Files/RecordingFile.cs", "Journal/UploadJournal.cs" }, opening);
        }

        [Fact]
        public void ARegularFileIsItsOwnLengthAndWriteTime()
        {
            string path = _files.Create("call.wav", 20_000);
            File.SetLastWriteTimeUtc(path, Old);

            RecordingFileState state = RecordingFile.Inspect(path);

            Assert.True(state.Exists);
            Assert.False(state.IsLink);
            Assert.Null(state.LinkTarget);
            Assert.Equal(20_000, state.Length);
            Assert.Equal(Old, state.LastWriteTimeUtc);
            Assert.True(state.CanBeRead);
        }

        [UnixFact]
        public void ALinkHasTheLengthAndWriteTimeOfTheFileItLeadsTo()
        {
            // Before issue 18 the link's own length (its target's path, a few dozen bytes) was sent.
            string target = _files.Create("call.wav", 20_000);
            File.SetLastWriteTimeUtc(target, Old);
            string link = Link("link.wav", target);

            RecordingFileState state = RecordingFile.Inspect(link);

            Assert.True(state.IsLink);
            Assert.Equal(target, state.LinkTarget);
            Assert.Equal(20_000, state.Length);
            Assert.Equal(Old, state.LastWriteTimeUtc);
            Assert.Equal(target, state.Subject);
        }

        [UnixFact]
        public void ARelativeLinkAndAChainOfLinksLeadToTheLastFile()
        {
            string target = _files.Create("call.wav", 1234);
            string relative = Link("relative.wav", "call.wav");
            string chain = Link("chain.wav", relative);

            Assert.Equal(target, RecordingFile.Inspect(relative).LinkTarget);
            Assert.Equal(target, RecordingFile.Inspect(chain).LinkTarget);
            Assert.Equal(1234, RecordingFile.Inspect(chain).Length);
        }

        [UnixFact]
        public void AFileInALinkedFolderIsAnOrdinaryFile()
        {
            string folder = Directory.CreateDirectory(Path.Combine(_files.Folder, "real")).FullName;
            File.WriteAllBytes(Path.Combine(folder, "call.wav"), new byte[777]);
            string linked = Path.Combine(_files.Folder, "linked");
            Directory.CreateSymbolicLink(linked, folder);

            RecordingFileState state = RecordingFile.Inspect(Path.Combine(linked, "call.wav"));

            Assert.True(state.Exists);
            Assert.False(state.IsLink);
            Assert.Equal(777, state.Length);
            Assert.True(RecordingFile.Inspect(linked).IsDirectory);
        }

        [UnixFact]
        public void ALinkToNothingIsALinkThatDoesNotExist()
        {
            string link = Link("dangling.wav", Path.Combine(_files.Folder, "gone.wav"));

            RecordingFileState state = RecordingFile.Inspect(link);

            Assert.False(state.Exists);
            Assert.True(state.IsLink);
            Assert.Throws<FileNotFoundException>(() => RecordingFile.OpenRead(link).Dispose());
        }

        [UnixFact]
        public void ALoopOfLinksIsAProblemNotAnException()
        {
            string a = Path.Combine(_files.Folder, "a.wav");
            Link("b.wav", a);
            Link("a.wav", Path.Combine(_files.Folder, "b.wav"));

            RecordingFileState state = RecordingFile.Inspect(a);

            Assert.False(state.CanBeRead);
            Assert.Contains("symbolic links", state.Problem);
            Assert.Throws<IOException>(() => RecordingFile.OpenRead(a).Dispose());
        }

        [UnixFact]
        public void ALinkToAFolderIsADirectory() =>
            Assert.True(RecordingFile.Inspect(Link("folder.wav", Directory.CreateDirectory(Path.Combine(_files.Folder, "f")).FullName)).IsDirectory);

        [UnixFact]
        public void ALinkToANamedPipeIsNeverOpened()
        {
            // Opening a pipe waits for a writer: before issue 18 the content check did, through a link, and hung.
            string fifo = Path.Combine(_files.Folder, "pipe");
            MakeFifo(fifo);
            string link = Link("pipe.wav", fifo);

            RecordingFileState state = RecordingFile.Inspect(link);
            Assert.Equal(0, state.Length);
            Assert.False(state.CanBeRead);
            Assert.Same(AudioInfo.Unrecognised, WithinSeconds(() => AudioProbe.Probe(link)));
            IOException refused = WithinSeconds(() => Assert.Throws<IOException>(() => RecordingFile.OpenRead(link).Dispose()));
            Assert.Equal($"'{link}' is empty, not a recording.", refused.Message);
        }

        [UnixFact]
        public void DevicesAndKernelFilesAreNotRegularFilesDirectlyOrThroughALink()
        {
            Assert.Equal("a device or kernel file under /dev", RecordingFile.Inspect("/dev/urandom").NotRegular);
            Assert.Equal("a device or kernel file under /dev", RecordingFile.Inspect(Link("urandom.wav", "/dev/urandom")).NotRegular);
            RecordingFileState proc = RecordingFile.Inspect(Link("status.wav", "/proc/self/status"));
            Assert.Equal("a device or kernel file under /proc", proc.NotRegular);
            Assert.False(proc.CanBeRead);
            IOException refused = Assert.Throws<IOException>(() => RecordingFile.OpenRead(proc.Path).Dispose());
            Assert.Equal($"'{proc.Path}' is a device or kernel file under /proc, not a recording.", refused.Message);
        }

        [Theory]
        [InlineData("/dev/urandom", "a device or kernel file under /dev")]
        [InlineData("/proc/self/status", "a device or kernel file under /proc")]
        [InlineData("/sys/kernel/mm/transparent_hugepage/enabled", "a device or kernel file under /sys")]
        [InlineData("/dev/shm/call.wav", null)]
        [InlineData("/devices/call.wav", null)]
        [InlineData("/home/ana/proc/call.wav", null)]
        public void OnlyDevProcAndSysHoldNoRecordingsOffWindows(string path, string? notRegular)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) notRegular = null;
            Assert.Equal(notRegular, RecordingFile.NotRegularAt(path));
        }

        [Theory]
        [InlineData(unchecked((int)0x80070020), true, true)]   // ERROR_SHARING_VIOLATION
        [InlineData(unchecked((int)0x80070021), true, true)]   // ERROR_LOCK_VIOLATION
        [InlineData(unchecked((int)0x80070005), true, false)]  // access denied: permissions, not another program
        [InlineData(unchecked((int)0x80070002), true, false)]  // file not found
        [InlineData(32, true, false)]                           // a bare Win32 code is no HRESULT .NET gives
        [InlineData(11, true, false)]
        [InlineData(11, false, true)]                           // EWOULDBLOCK on Linux: an exclusive lock
        [InlineData(35, false, true)]                           // EWOULDBLOCK on macOS and the BSDs
        [InlineData(13, false, false)]                          // EACCES
        [InlineData(unchecked((int)0x80070020), false, false)]
        public void ASharingViolationIsTheHeldFileErrorOfTheSystem(int hresult, bool windows, bool held) =>
            Assert.Equal(held, RecordingFile.IsSharingViolation(hresult, windows));

        [Fact]
        public void AMissingFileIsNeverASharingViolation()
        {
            Assert.False(RecordingFile.IsSharingViolation(new FileNotFoundException("gone") { HResult = unchecked((int)0x80070020) }));
            Assert.False(RecordingFile.IsSharingViolation(new DirectoryNotFoundException("gone") { HResult = 11 }));
            Assert.False(RecordingFile.IsSharingViolation(new InvalidOperationException("not I/O") { HResult = 11 }));
        }

        [Fact]
        public void AFileAnotherProgramHoldsExclusivelyIsHeldSoAndItsOpenIsASharingViolation()
        {
            // FileShare.None: a share mode without read on Windows, an exclusive lock (flock) on Linux and macOS.
            string path = _files.Create("held.wav", 4096);
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                Assert.Equal(FileHolder.Exclusive, RecordingFile.HolderOf(path));
                IOException e = Assert.ThrowsAny<IOException>(() => RecordingFile.OpenRead(path).Dispose());
                Assert.True(RecordingFile.IsSharingViolation(e), $"0x{e.HResult:X8} {e.Message}");
            }
            Assert.Equal(FileHolder.None, RecordingFile.HolderOf(path));
        }

        [Fact]
        public void AWriterThatSharesTheFileIsSeenOnlyWhereShareModesTellIt()
        {
            // A recorder writing with FileShare.Read (.NET's default for writing): Windows tells, through an open
            // that denies writing; Linux has no such thing, and the readiness check relies on the file's own signs.
            string path = _files.Create("recording.wav", 4096);
            using var recorder = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            FileHolder expected = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? FileHolder.Writer : FileHolder.None;

            Assert.Equal(expected, RecordingFile.HolderOf(path));
        }

        [Fact]
        public void TheModulesOpenLeavesTheRecorderFreeToWriteAndToDelete()
        {
            // The recorder may reopen, extend and delete its file while the module reads it.
            string path = _files.Create("recording.wav", 4096);
            using FileStream reading = RecordingFile.OpenRead(path);
            using (var recorder = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
                recorder.Write(new byte[100], 0, 100);
            }
            Assert.Equal(4196, reading.Length);
            File.Delete(path);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void TheStampOfAnOpenFileIsItsLengthAndWriteTimeNow()
        {
            string path = _files.Create("call.wav", 4096);
            File.SetLastWriteTimeUtc(path, Old);
            using FileStream stream = RecordingFile.OpenRead(path);
            Assert.Equal((4096L, Old), RecordingFile.Stamp(stream));

            File.AppendAllText(path, "x");

            (long length, DateTime written) = RecordingFile.Stamp(stream);
            Assert.Equal(4097, length);
            Assert.True(written > Old, $"{written:o}");
        }
    }
}
