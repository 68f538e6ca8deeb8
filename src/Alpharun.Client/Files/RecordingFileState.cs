using System;

namespace Alpharun
{
    /// <summary>
    /// What <see cref="RecordingFile.Inspect"/> found at a path, without reading a byte of it: whether there is a file,
    /// where a link leads, and the length and last write time of the file itself (never of a link to it).
    /// </summary>
    public sealed class RecordingFileState
    {
        internal RecordingFileState(string path, bool exists, bool isDirectory, bool isLink, string? linkTarget, long length, DateTime lastWriteTimeUtc, string? notRegular, string? problem)
        {
            Path = path;
            Exists = exists;
            IsDirectory = isDirectory;
            IsLink = isLink;
            LinkTarget = linkTarget;
            Length = length;
            LastWriteTimeUtc = lastWriteTimeUtc;
            NotRegular = notRegular;
            Problem = problem;
        }

        /// <summary>The path as given.</summary>
        public string Path { get; }

        /// <summary>True when a file (not a directory) is there; for a link, when the file it leads to is.</summary>
        public bool Exists { get; }

        /// <summary>True when the path is a directory or a link to one.</summary>
        public bool IsDirectory { get; }

        /// <summary>True when the path itself is a symbolic link (or another reparse point).</summary>
        public bool IsLink { get; }

        /// <summary>The full path a link finally leads to; null for a path that is no link, or where the runtime cannot tell (.NET Framework).</summary>
        public string? LinkTarget { get; }

        /// <summary>Bytes of the file (of the file a link leads to); -1 when not known.</summary>
        public long Length { get; }

        /// <summary>When the file (the file a link leads to) was last written, in UTC; <see cref="DateTime.MinValue"/> when not known.</summary>
        public DateTime LastWriteTimeUtc { get; }

        /// <summary>
        /// When the path leads to something that is not a regular file (a device, a kernel file), what it is, for a
        /// sentence: "a device or kernel file under /dev"; null otherwise.
        /// </summary>
        public string? NotRegular { get; }

        /// <summary>Why the path could not be looked at (a loop of links, no permission), or null.</summary>
        public string? Problem { get; }

        /// <summary>The file the bytes come from, for messages: the link's target when known, else the path.</summary>
        public string Subject => LinkTarget ?? Path;

        /// <summary>True when the bytes may be read: a file with bytes that is regular and was looked at without a problem.</summary>
        public bool CanBeRead => Exists && NotRegular is null && Problem is null && Length != 0;

        /// <summary>Same file, same length, same last write time.</summary>
        public bool SameAs(RecordingFileState other) =>
            other != null && Exists == other.Exists && Length == other.Length && LastWriteTimeUtc == other.LastWriteTimeUtc;
    }
}
