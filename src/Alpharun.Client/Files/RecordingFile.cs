using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Alpharun
{
    /// <summary>
    /// The one place the module opens a recording and learns its length and last write time: the content check, the
    /// validator, the readiness check, the journal's hash and the request body all go through it, so they agree on
    /// what the file is and never disagree about sharing.
    /// <para><b>Sharing.</b> Every open reads with <see cref="Sharing"/>: reading, writing and deleting stay allowed
    /// to others, so the module never stops a recorder from writing, reopening, renaming or deleting its file, and a
    /// file that passes the checks can always be opened again to be sent. A writer is noticed, not blocked: an open
    /// that fails with a sharing violation (another program denies reading) and, on Windows, a program that has the
    /// file open for writing (<see cref="HolderOf"/>) are evidence that the call is still being recorded
    /// (<see cref="RecordingReadiness"/>).</para>
    /// <para><b>Links.</b> A symbolic link counts as the file it leads to: its length and write time, never the
    /// link's own. Something that reports no length (an empty file, a named pipe, a device) is never opened (opening a
    /// pipe waits for a writer), and on Linux and macOS a path that leads under /dev, /proc or /sys (devices and kernel
    /// files, whose reported length is not what reading them gives) is not a recording.</para>
    /// </summary>
    public static class RecordingFile
    {
        /// <summary>How every open of a recording shares it with other programs: read, write and delete.</summary>
        public const FileShare Sharing = FileShare.ReadWrite | FileShare.Delete;

        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        // /dev/shm is ordinary shared memory that programs keep files in; the rest of /dev is devices.
        private static readonly string[] SystemFolders = { "/dev/", "/proc/", "/sys/" };

        // FileSystemInfo.ResolveLinkTarget(bool) and File.GetLastWriteTimeUtc(SafeFileHandle) exist from .NET 6 and 7
        // (PowerShell 7): found once by reflection, as the core targets netstandard2.0. Windows PowerShell 5.1 has
        // neither: there a link is followed by opening it.
        private static readonly Func<FileSystemInfo, bool, FileSystemInfo?>? ResolveLinkTarget = Find<Func<FileSystemInfo, bool, FileSystemInfo?>>(
            typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) }));

        private static readonly Func<SafeFileHandle, DateTime>? HandleLastWriteTimeUtc = Find<Func<SafeFileHandle, DateTime>>(
            typeof(File).GetMethod(nameof(File.GetLastWriteTimeUtc), new[] { typeof(SafeFileHandle) }));

        /// <summary>Looks at <paramref name="path"/> without reading its bytes: what is there, where a link leads, its length and write time.</summary>
        public static RecordingFileState Inspect(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            try
            {
                if (Directory.Exists(path)) return new RecordingFileState(path, false, true, false, null, -1, DateTime.MinValue, null, null);
                var info = new FileInfo(path);
                if (!info.Exists) return Missing(path, false, null);
                if ((info.Attributes & FileAttributes.ReparsePoint) == 0) return Found(path, false, null, info.FullName, info.Length, info.LastWriteTimeUtc);

                FileSystemInfo? final = ResolveLinkTarget?.Invoke(info, true);
                if (final is null)
                {
                    // .NET Framework, or a reparse point that is no link (a cloud placeholder): the open follows it.
                    return IsWindows ? FromHandle(path) : Unreadable(path, $"'{path}' is a link the module cannot follow.");
                }
                var target = new FileInfo(final.FullName);
                if (!target.Exists) return Missing(path, true, final.FullName);
                return Found(path, true, target.FullName, target.FullName, target.Length, target.LastWriteTimeUtc);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException || e is System.Security.SecurityException)
            {
                // A loop of links ("Too many levels of symbolic links"), a folder that may not be listed, a path .NET refuses.
                return Unreadable(path, e.Message);
            }
        }

        /// <summary>
        /// Opens the recording at <paramref name="path"/> for reading with <see cref="Sharing"/>. Refuses, without
        /// opening it, what <see cref="Inspect"/> shows cannot be read: missing (<see cref="FileNotFoundException"/>),
        /// a directory, empty or no regular file (<see cref="IOException"/>).
        /// </summary>
        public static FileStream OpenRead(string path, int bufferSize = 4096, FileOptions options = FileOptions.None)
        {
            RecordingFileState state = Inspect(path);
            if (!state.CanBeRead)
            {
                if (!state.Exists && !state.IsDirectory && state.Problem is null) throw new FileNotFoundException($"'{path}' does not exist.", path);
                throw new IOException(state.Problem ?? $"'{path}' is {(state.IsDirectory ? "a directory" : state.NotRegular ?? "empty")}, not a recording.");
            }
            return Open(path, Sharing, bufferSize, options);
        }

        /// <summary>
        /// Whether another program holds the file open in a way the operating system reveals: so that it cannot be
        /// read (any system), or for writing (Windows only, where a momentary open that denies writing fails while a
        /// writer has it open; it is closed at once). <see cref="FileHolder.None"/> for what cannot be read anyway.
        /// </summary>
        public static FileHolder HolderOf(string path)
        {
            if (!Inspect(path).CanBeRead) return FileHolder.None;
            if (Fails(path, Sharing, out bool shared) && shared) return FileHolder.Exclusive;
            return IsWindows && Fails(path, FileShare.Read | FileShare.Delete, out bool denied) && denied ? FileHolder.Writer : FileHolder.None;
        }

        /// <summary>
        /// True when <paramref name="e"/> is the failure to open a file another program holds: a sharing or lock
        /// violation on Windows, an exclusive lock (EWOULDBLOCK) elsewhere.
        /// </summary>
        public static bool IsSharingViolation(Exception e) =>
            e is IOException && !(e is FileNotFoundException) && !(e is DirectoryNotFoundException) && IsSharingViolation(e.HResult, IsWindows);

        /// <summary>The decision of <see cref="IsSharingViolation(Exception)"/> for an error code on the given system.</summary>
        internal static bool IsSharingViolation(int hresult, bool windows) => windows
            ? hresult == unchecked((int)0x80070020) || hresult == unchecked((int)0x80070021) // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
            : hresult == 11 || hresult == 35; // .NET puts errno there: EWOULDBLOCK is 11 on Linux, 35 on macOS and the BSDs

        /// <summary>The length and last write time of the open file itself (not of the path, which may since lead elsewhere).</summary>
        public static (long Length, DateTime LastWriteTimeUtc) Stamp(FileStream stream)
        {
            if (stream is null) throw new ArgumentNullException(nameof(stream));
            return (stream.Length, LastWriteTimeUtc(stream));
        }

        private static DateTime LastWriteTimeUtc(FileStream stream)
        {
            if (HandleLastWriteTimeUtc != null) return HandleLastWriteTimeUtc(stream.SafeFileHandle);
            if (IsWindows && GetFileTime(stream.SafeFileHandle, out _, out _, out long written)) return DateTime.FromFileTimeUtc(written);
            return File.GetLastWriteTimeUtc(stream.Name);
        }

        private static FileStream Open(string path, FileShare share, int bufferSize, FileOptions options) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, share, bufferSize, options);

        private static bool Fails(string path, FileShare share, out bool sharingViolation)
        {
            sharingViolation = false;
            try
            {
                using (Open(path, share, 1, FileOptions.None)) return false;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                sharingViolation = IsSharingViolation(e);
                return true;
            }
        }

        private static RecordingFileState FromHandle(string path)
        {
            try
            {
                using FileStream stream = Open(path, Sharing, 1, FileOptions.None);
                (long length, DateTime written) = Stamp(stream);
                return Found(path, true, null, path, length, written);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                return Missing(path, true, null);
            }
        }

        private static RecordingFileState Found(string path, bool isLink, string? target, string fullPath, long length, DateTime written) =>
            new RecordingFileState(path, true, false, isLink, target, length, written, NotRegularAt(fullPath), null);

        private static RecordingFileState Missing(string path, bool isLink, string? target) =>
            new RecordingFileState(path, false, false, isLink, target, -1, DateTime.MinValue, null, null);

        private static RecordingFileState Unreadable(string path, string problem) =>
            new RecordingFileState(path, true, false, false, null, -1, DateTime.MinValue, null, problem);

        /// <summary>What a full path under /dev (but /dev/shm), /proc or /sys is, off Windows; null elsewhere.</summary>
        internal static string? NotRegularAt(string fullPath)
        {
            if (IsWindows || fullPath.StartsWith("/dev/shm/", StringComparison.Ordinal)) return null;
            foreach (string folder in SystemFolders)
            {
                if (fullPath.StartsWith(folder, StringComparison.Ordinal)) return "a device or kernel file under " + folder.TrimEnd('/');
            }
            return null;
        }

        private static T? Find<T>(MethodInfo? method) where T : Delegate =>
            method is null ? null : (T)method.CreateDelegate(typeof(T));

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool GetFileTime(SafeFileHandle file, out long creationTime, out long lastAccessTime, out long lastWriteTime);
    }
}
