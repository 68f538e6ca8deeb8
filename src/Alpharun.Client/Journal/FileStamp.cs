using System;
using System.IO;

namespace Alpharun
{
    /// <summary>A file's size and last write time (UTC ticks): what the journal's quick check compares, without reading the file.</summary>
    internal readonly struct FileStamp : IEquatable<FileStamp>
    {
        public FileStamp(long length, long lastWriteUtcTicks)
        {
            Length = length;
            LastWriteUtcTicks = lastWriteUtcTicks;
        }

        public long Length { get; }

        public long LastWriteUtcTicks { get; }

        public DateTime LastWriteUtc => new DateTime(LastWriteUtcTicks, DateTimeKind.Utc);

        /// <summary>The stamp of the file at <paramref name="path"/>; null when there is no file there (or it cannot be seen).</summary>
        public static FileStamp? Of(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : (FileStamp?)null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return null;
            }
        }

        public bool Equals(FileStamp other) => Length == other.Length && LastWriteUtcTicks == other.LastWriteUtcTicks;

        public override bool Equals(object? obj) => obj is FileStamp other && Equals(other);

        public override int GetHashCode() => unchecked((int)Length * 397 ^ LastWriteUtcTicks.GetHashCode());
    }
}
