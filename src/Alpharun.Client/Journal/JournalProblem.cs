using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Alpharun
{
    /// <summary>Why a journal could not be opened or written.</summary>
    public enum JournalProblemKind
    {
        /// <summary>Another run holds it (its lock file is taken).</summary>
        InUse,

        /// <summary>It is on a read-only file system, share or medium, or the file is marked read-only.</summary>
        ReadOnly,

        /// <summary>The account running the command may not create or write it.</summary>
        NoPermission,

        /// <summary>Its drive, share or folder does not exist from here.</summary>
        NotFound,

        /// <summary>The disk holding it is full (or the account's quota is used up).</summary>
        DiskFull,

        /// <summary>The path names a folder, not a file.</summary>
        IsFolder,

        /// <summary>Something else; the system's own message says what.</summary>
        Other,
    }

    /// <summary>Turns what the file system threw into the real cause, said so a user can act on it.</summary>
    internal static class JournalProblem
    {
        // Windows error codes, as .NET puts them in HResult (0x8007xxxx).
        private const int WindowsSharingViolation = unchecked((int)0x80070020);
        private const int WindowsLockViolation = unchecked((int)0x80070021);
        private const int WindowsWriteProtect = unchecked((int)0x80070013);
        private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
        private const int WindowsDiskFull = unchecked((int)0x80070070);
        private const int WindowsBadNetPath = unchecked((int)0x80070035);
        private const int WindowsBadNetName = unchecked((int)0x80070043);
        private const int WindowsNotReady = unchecked((int)0x80070015);
        private const int WindowsQuota = unchecked((int)0x80070718);

        // errno values, which .NET on Linux and macOS puts in HResult of an IOException it has no better type for.
        private const int UnixWouldBlock = 11;      // Linux EAGAIN/EWOULDBLOCK: the lock is held
        private const int UnixWouldBlockMac = 35;   // macOS EAGAIN
        private const int UnixNoSpace = 28;         // ENOSPC
        private const int UnixReadOnlyFs = 30;      // EROFS
        private const int UnixQuota = 122;          // Linux EDQUOT
        private const int UnixQuotaMac = 69;        // macOS EDQUOT

        private static readonly bool OnWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>What kind of problem <paramref name="e"/> is, for the journal at <paramref name="path"/>.</summary>
        public static JournalProblemKind Classify(Exception e, string path)
        {
            if (Directory.Exists(path)) return JournalProblemKind.IsFolder;
            switch (e)
            {
                case DriveNotFoundException _:
                case DirectoryNotFoundException _:
                    return JournalProblemKind.NotFound;
                case UnauthorizedAccessException _:
                    return IsReadOnlyFile(path) ? JournalProblemKind.ReadOnly : JournalProblemKind.NoPermission;
                case IOException io:
                    int code = io.HResult;
                    if (OnWindows)
                    {
                        if (code == WindowsSharingViolation || code == WindowsLockViolation) return JournalProblemKind.InUse;
                        if (code == WindowsWriteProtect) return JournalProblemKind.ReadOnly;
                        if (code == WindowsDiskFull || code == WindowsHandleDiskFull || code == WindowsQuota) return JournalProblemKind.DiskFull;
                        if (code == WindowsBadNetPath || code == WindowsBadNetName || code == WindowsNotReady) return JournalProblemKind.NotFound;
                    }
                    else
                    {
                        if (code == UnixWouldBlock || code == UnixWouldBlockMac) return JournalProblemKind.InUse;
                        if (code == UnixReadOnlyFs) return JournalProblemKind.ReadOnly;
                        if (code == UnixNoSpace || code == UnixQuota || code == UnixQuotaMac) return JournalProblemKind.DiskFull;
                    }
                    return JournalProblemKind.Other;
                default:
                    return JournalProblemKind.Other;
            }
        }

        /// <summary>A sentence (or two) on <paramref name="kind"/> for the journal at <paramref name="path"/>, and what to do.</summary>
        public static string Describe(JournalProblemKind kind, Exception e, string path)
        {
            string folder = Path.GetDirectoryName(path) ?? path;
            switch (kind)
            {
                case JournalProblemKind.InUse:
                    return $"another run is using it (its lock file '{path}.lock' is held). Wait for that run to end, or give each batch that runs at the same time its own -Journal.";
                case JournalProblemKind.ReadOnly:
                    return IsReadOnlyFile(path)
                        ? "the journal file is marked read-only. Clear its read-only attribute, or choose another -Journal."
                        : $"'{folder}' is on a read-only file system or share. Put the journal in a folder this account can write.";
                case JournalProblemKind.NoPermission:
                    return $"the account running this ({Environment.UserName}) has no permission to write it in '{folder}'. Grant that account write access to the folder (a scheduled task runs as its own account), or choose a folder it owns.";
                case JournalProblemKind.NotFound:
                    return OnWindows
                        ? $"its drive, share or folder '{folder}' cannot be reached from here. A mapped drive letter exists only in the session that mapped it, so a scheduled task does not see it: use a UNC path (\\\\server\\share\\...) or a local folder."
                        : $"its folder '{folder}' cannot be reached from here (a share not mounted?). Mount it, or choose a local folder.";
                case JournalProblemKind.DiskFull:
                    return $"the disk holding '{folder}' is full. Free some space, or choose a folder on another disk.";
                case JournalProblemKind.IsFolder:
                    return $"it is a folder. -Journal takes a file's path, for example '{Path.Combine(path, "uploads.journal")}'.";
                default:
                    return e.Message;
            }
        }

        private static bool IsReadOnlyFile(string path)
        {
            try
            {
                return File.Exists(path) && (File.GetAttributes(path) & FileAttributes.ReadOnly) != 0;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
