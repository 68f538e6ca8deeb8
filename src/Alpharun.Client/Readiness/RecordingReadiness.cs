using System;
using System.Globalization;

namespace Alpharun
{
    /// <summary>
    /// The one rule for a recording that may still be being written (a call in progress), so that one call never
    /// becomes two recordings: a part sent tonight, the whole again tomorrow.
    /// <para>Evidence that a file is unfinished: its content (<see cref="AudioInfo.Unfinished"/>: a WAV header with
    /// placeholder sizes or promising more than the file holds, an MP4 without its index, an Ogg stream without its
    /// last page), or another program holding it so that it cannot be read (a sharing violation).</para>
    /// <para>The rule: a file that changed while it was checked, or that a program has open for writing (Windows),
    /// is <see cref="ReadinessState.InProgress"/>; so is any file written more recently than <see cref="MinimumAge"/>.
    /// Evidence together with a last write less than <see cref="QuietPeriod"/> ago is InProgress; the same evidence on
    /// an older file is a recorder that stopped (<see cref="ReadinessState.WriterStopped"/>): what is there is sent,
    /// with a warning, unless it is no usable audio (an MP4 without its index), which the content check refuses.
    /// A file dated in the future counts as just written.</para>
    /// </summary>
    public sealed class RecordingReadiness
    {
        /// <summary>
        /// Six hours. A recording in progress may look idle for a long time: on NTFS the last write time of a file
        /// still open for writing is updated lazily (a listing may show when the recorder opened it until it closes
        /// it), a share's client caches writes, and recorders flush every few seconds or buffer for minutes. The
        /// quiet period must outlast the longest call by a wide margin, since sending a call mid-way makes two
        /// recordings of it. It must also stay well under a day: a nightly job then sends the file of a recorder that
        /// stopped during the working day that same night, and one that stopped in the evening the night after.
        /// </summary>
        public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromHours(6);

        private readonly Func<DateTime> _utcNow;

        /// <summary>Creates the rule: no minimum age (<see cref="TimeSpan.Zero"/>) unless given, and <see cref="DefaultQuietPeriod"/>.</summary>
        public RecordingReadiness(TimeSpan minimumAge = default, TimeSpan? quietPeriod = null)
            : this(minimumAge, quietPeriod, () => DateTime.UtcNow)
        {
        }

        internal RecordingReadiness(TimeSpan minimumAge, TimeSpan? quietPeriod, Func<DateTime> utcNow)
        {
            if (minimumAge < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(minimumAge), minimumAge, "The minimum age cannot be negative.");
            if (quietPeriod < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(quietPeriod), quietPeriod, "The quiet period cannot be negative.");
            MinimumAge = minimumAge;
            QuietPeriod = quietPeriod ?? DefaultQuietPeriod;
            _utcNow = utcNow;
        }

        /// <summary>Any file written more recently than this is in progress (robocopy /MINAGE, rclone --min-age); zero for none.</summary>
        public TimeSpan MinimumAge { get; }

        /// <summary>How long an unfinished file must go without a write before its writer counts as stopped.</summary>
        public TimeSpan QuietPeriod { get; }

        /// <summary>
        /// Judges the file at <paramref name="path"/> after its content check: <paramref name="before"/> is the file
        /// as it was before its bytes were read, <paramref name="audio"/> what the content check found.
        /// </summary>
        public ReadinessVerdict Check(string path, RecordingFileState before, AudioInfo audio)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            return Judge(before, RecordingFile.Inspect(path), audio, RecordingFile.HolderOf(path));
        }

        /// <summary>The rule, on what was found: the file before and after the check, its content, who holds it.</summary>
        public ReadinessVerdict Judge(RecordingFileState before, RecordingFileState after, AudioInfo audio, FileHolder holder)
        {
            if (before is null) throw new ArgumentNullException(nameof(before));
            if (after is null) throw new ArgumentNullException(nameof(after));
            if (audio is null) throw new ArgumentNullException(nameof(audio));
            string path = after.Path;
            // Missing, a directory, not a regular file: the validator says what is wrong with it.
            if (!after.Exists || after.NotRegular != null || after.Problem != null) return Ready(after);

            TimeSpan age = _utcNow() - after.LastWriteTimeUtc;
            if (age < TimeSpan.Zero) age = TimeSpan.Zero;
            string written = $"it was last written {Describe(age)} ago";

            // What is happening now needs no age to weigh it.
            if (!before.SameAs(after))
            {
                string change = before.Length != after.Length
                    ? $"it changed while it was checked ({before.Length} bytes, then {after.Length})"
                    : "its last write time changed while it was checked";
                return InProgress(after, change);
            }
            if (holder == FileHolder.Writer) return InProgress(after, "another program has it open for writing");
            if (age < MinimumAge) return InProgress(after, $"{written}, less than -MinimumAge ({Describe(MinimumAge)})");

            string? evidence = holder == FileHolder.Exclusive ? "another program holds it open and lets nothing else read it" : audio.Unfinished;
            if (evidence is null) return Ready(after);
            if (age < QuietPeriod) return InProgress(after, $"{evidence}, and {written}");

            // Held for years, or no usable audio (an MP4 without its index): the validator refuses it as unreadable or not audio.
            if (holder == FileHolder.Exclusive || audio.NotAudio != null) return Ready(after);
            string length = audio.Duration.HasValue ? FormattableString.Invariant($": {audio.Duration.Value.TotalSeconds:0.###} s of audio") : string.Empty;
            return new ReadinessVerdict(ReadinessState.WriterStopped, after,
                $"'{path}' was never finished: {evidence}; but {written}, more than the {Describe(QuietPeriod)} a recording in progress goes without a write, " +
                $"so the program that wrote it has probably stopped. It is sent as it is{length}.");
        }

        /// <summary>An age for a sentence: "12 s", "5 min", "3 h 20 min", "2 d 4 h".</summary>
        internal static string Describe(TimeSpan age)
        {
            if (age < TimeSpan.FromMinutes(1)) return Invariant("{0} s", (int)age.TotalSeconds);
            if (age < TimeSpan.FromHours(1)) return Invariant("{0} min", (int)age.TotalMinutes);
            if (age < TimeSpan.FromDays(1)) return age.Minutes == 0 ? Invariant("{0} h", (int)age.TotalHours) : Invariant("{0} h {1} min", (int)age.TotalHours, age.Minutes);
            return age.Hours == 0 ? Invariant("{0} d", (int)age.TotalDays) : Invariant("{0} d {1} h", (int)age.TotalDays, age.Hours);
        }

        private static string Invariant(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

        private static ReadinessVerdict Ready(RecordingFileState file) => new ReadinessVerdict(ReadinessState.Ready, file, null);

        private static ReadinessVerdict InProgress(RecordingFileState file, string reason) =>
            new ReadinessVerdict(ReadinessState.InProgress, file, $"'{file.Path}': not sent, it is still being written: {reason}. A later run sends it.");
    }
}
