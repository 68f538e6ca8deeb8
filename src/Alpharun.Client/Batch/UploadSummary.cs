using System;
using System.Diagnostics;
using System.Globalization;

namespace Alpharun
{
    /// <summary>
    /// What one batch did, for scripts and schedulers: how many files ended each way, the bytes the API accepted, how
    /// long it took, what stopped it early, and the exit code a scheduled job should end with. A batch keeps it up to
    /// date as each file ends, so whoever holds it sees the counts so far, also after a stop.
    /// </summary>
    public sealed class UploadSummary
    {
        /// <summary>The type name the cmdlets give it (views, [OutputType]).</summary>
        public const string TypeName = "Alpharun.UploadSummary";

        private readonly Stopwatch _clock = Stopwatch.StartNew();

        /// <summary>Files the API created a recording for (HTTP 201).</summary>
        public int Created { get; private set; }

        /// <summary>Files the API already had (HTTP 200).</summary>
        public int AlreadyExisted { get; private set; }

        /// <summary>Files not sent because the journal shows them accepted before.</summary>
        public int Skipped { get; private set; }

        /// <summary>Files not sent because they are still being recorded; a later run sends them.</summary>
        public int InProgress { get; private set; }

        /// <summary>Files that ended as an error.</summary>
        public int Failed { get; private set; }

        /// <summary>Every file accounted for so far: the sum of the five counts.</summary>
        public int Files => Created + AlreadyExisted + Skipped + InProgress + Failed;

        /// <summary>Audio bytes of the uploads the API accepted in this run (Created and AlreadyExisted).</summary>
        public long Bytes { get; private set; }

        /// <summary>Time since the batch started, until it ended.</summary>
        public TimeSpan Elapsed => _clock.Elapsed;

        /// <summary>The error id of what stopped the batch early (e.g. ApiKeyRejected, PipelineStopped); null when it ran to its end.</summary>
        public string? StoppedBy { get; private set; }

        /// <summary>
        /// 0 when every file was accepted, already there, skipped or in progress; 1 when the batch ran to its end and
        /// some files failed; 2 when it stopped early.
        /// </summary>
        public int ExitCode => StoppedBy != null ? 2 : Failed > 0 ? 1 : 0;

        /// <summary>Counts a file that ended with <paramref name="upload"/>.</summary>
        public void Add(RecordingUpload upload)
        {
            if (upload is null) throw new ArgumentNullException(nameof(upload));
            switch (upload.Status)
            {
                case RecordingUploadStatus.Created:
                    Created++;
                    Bytes += upload.Length;
                    break;
                case RecordingUploadStatus.AlreadyExisted:
                    AlreadyExisted++;
                    Bytes += upload.Length;
                    break;
                case RecordingUploadStatus.Skipped:
                    Skipped++;
                    break;
                case RecordingUploadStatus.InProgress:
                    InProgress++;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(upload), upload.Status, "Unknown upload status.");
            }
        }

        /// <summary>Counts a file that ended as an error.</summary>
        public void AddFailure() => Failed++;

        /// <summary>Records what stopped the batch early; the first reason stays.</summary>
        public void Stop(string errorId)
        {
            if (string.IsNullOrEmpty(errorId)) throw new ArgumentException("An error id is needed.", nameof(errorId));
            StoppedBy ??= errorId;
        }

        /// <summary>The batch ended: <see cref="Elapsed"/> stops counting.</summary>
        public void Finish() => _clock.Stop();

        /// <summary>One line for a log, e.g. "12 files: 10 created, 1 already existed, 0 skipped, 1 in progress, 0 failed; 3.2 MiB accepted in 5.1 s; exit code 0."</summary>
        public override string ToString()
        {
            string stopped = StoppedBy is null ? string.Empty : $" stopped early by {StoppedBy};";
            return string.Format(CultureInfo.InvariantCulture,
                "{0} file{1}: {2} created, {3} already existed, {4} skipped, {5} in progress, {6} failed; {7} accepted in {8:0.0} s;{9} exit code {10}.",
                Files, Files == 1 ? string.Empty : "s", Created, AlreadyExisted, Skipped, InProgress, Failed, Size(Bytes), Elapsed.TotalSeconds, stopped, ExitCode);
        }

        private static string Size(long bytes) =>
            bytes < 1024 ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
            : bytes < 1024 * 1024 ? (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB"
            : bytes < 1024L * 1024 * 1024 ? (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
            : (bytes / 1073741824.0).ToString("0.00", CultureInfo.InvariantCulture) + " GiB";
    }
}
