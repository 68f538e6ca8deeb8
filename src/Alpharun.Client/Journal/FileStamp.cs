using System;

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

        /// <summary>
        /// The stamp of the file at <paramref name="path"/> (of the file a link leads to, as <see cref="RecordingFile.Inspect"/>
        /// sees it); null when there is no file there or it cannot be looked at.
        /// </summary>
        public static FileStamp? Of(string path) => From(RecordingFile.Inspect(path));

        /// <summary>The stamp <paramref name="state"/> shows; null when it shows no file, or a file it could not look at.</summary>
        public static FileStamp? From(RecordingFileState state) =>
            state.Exists && state.Problem is null && state.Length >= 0 ? new FileStamp(state.Length, state.LastWriteTimeUtc.Ticks) : (FileStamp?)null;

        public bool Equals(FileStamp other) => Length == other.Length && LastWriteUtcTicks == other.LastWriteUtcTicks;

        public override bool Equals(object? obj) => obj is FileStamp other && Equals(other);

        public override int GetHashCode() => unchecked((int)Length * 397 ^ LastWriteUtcTicks.GetHashCode());
    }
}
