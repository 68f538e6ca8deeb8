using System;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// The run summary (Alpharun.UploadSummary: -SummaryVariable, the last -Verbose line, a nightly job's exit code) on
    /// its own: what each outcome counts, the exit code, the first stop reason kept, the size units and the text. Here,
    /// beside the cmdlet tests, because the plan mutation partition (the Client's Batch folder) runs this project.
    /// </summary>
    public sealed class RunSummaryTests : IDisposable
    {
        private readonly Recordings _files = new Recordings();
        private readonly RecordingUploadRequest _request;

        public RunSummaryTests()
        {
            _request = new RecordingUploadRequest(_files.Create("call.wav", 64), "ana@acme.com", new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.Zero), new[] { new Contact("bob@client.com") });
        }

        public void Dispose() => _files.Dispose();

        private RecordingUpload Upload(RecordingUploadStatus status, long length) =>
            new RecordingUpload(_request, length, status, Guid.NewGuid(), status == RecordingUploadStatus.Created ? 201 : 200, TimeSpan.Zero, 1);

        // The text with its one clock-dependent number fixed, and the summary stopped first so it no longer moves.
        private static string Text(UploadSummary summary)
        {
            summary.Finish();
            return Regex.Replace(summary.ToString(), @" in \d+\.\d s;", " in T s;");
        }

        [Fact]
        public void EachOutcomeIsCountedOnceAndOnlyAcceptedUploadsCountTheirBytes()
        {
            var summary = new UploadSummary();
            summary.Add(Upload(RecordingUploadStatus.Created, 100));
            summary.Add(Upload(RecordingUploadStatus.AlreadyExisted, 200));
            summary.Add(Upload(RecordingUploadStatus.AlreadyExisted, 400));
            summary.Add(Upload(RecordingUploadStatus.Skipped, 1000));
            summary.Add(Upload(RecordingUploadStatus.InProgress, 3000));
            summary.Add(Upload(RecordingUploadStatus.InProgress, 3000));
            summary.Add(Upload(RecordingUploadStatus.InProgress, 3000));
            summary.AddFailure();
            summary.AddFailure();
            summary.AddFailure();
            summary.AddFailure();

            Assert.Equal((1, 2, 1, 3, 4, 11, 700L), (summary.Created, summary.AlreadyExisted, summary.Skipped, summary.InProgress, summary.Failed, summary.Files, summary.Bytes));
            Assert.Equal("11 files: 1 created, 2 already existed, 1 skipped, 3 in progress, 4 failed; 700 B accepted in T s; exit code 1.", Text(summary));
        }

        [Fact]
        public void TheExitCodeIsZeroWithoutFailuresOneWithAFailureAndTwoOnceStopped()
        {
            var clean = new UploadSummary();
            clean.Add(Upload(RecordingUploadStatus.Created, 1));
            var failed = new UploadSummary();
            failed.AddFailure();
            var stopped = new UploadSummary();
            stopped.Stop("PipelineStopped");
            var stoppedAfterFailures = new UploadSummary();
            stoppedAfterFailures.AddFailure();
            stoppedAfterFailures.Stop("ApiKeyRejected");

            Assert.Equal((0, 1, 2, 2), (clean.ExitCode, failed.ExitCode, stopped.ExitCode, stoppedAfterFailures.ExitCode));
            Assert.Null(clean.StoppedBy);
            Assert.Equal("0 files: 0 created, 0 already existed, 0 skipped, 0 in progress, 0 failed; 0 B accepted in T s; stopped early by PipelineStopped; exit code 2.", Text(stopped));
        }

        [Fact]
        public void TheFirstStopReasonIsKept()
        {
            var summary = new UploadSummary();
            summary.Stop("JournalWriteFailed");
            summary.Stop("PipelineStopped");

            Assert.Equal("JournalWriteFailed", summary.StoppedBy);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        public void AStopWithoutAnErrorIdIsRefused(string? id)
        {
            var summary = new UploadSummary();

            ArgumentException e = Assert.Throws<ArgumentException>(() => summary.Stop(id!));

            Assert.Equal("errorId", e.ParamName);
            Assert.StartsWith("An error id is needed.", e.Message);
            Assert.Null(summary.StoppedBy);
        }

        [Fact]
        public void AddRefusesNoUploadAndAnUnknownStatus()
        {
            var summary = new UploadSummary();

            Assert.Equal("upload", Assert.Throws<ArgumentNullException>(() => summary.Add(null!)).ParamName);
            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => summary.Add(Upload((RecordingUploadStatus)99, 1)));
            Assert.StartsWith("Unknown upload status.", e.Message);
            Assert.Equal(0, summary.Files);
        }

        [Theory]
        [InlineData(1, "1 file: 1 created", "1 B")]
        [InlineData(1023, "1 file: 1 created", "1023 B")]
        [InlineData(1024, "1 file: 1 created", "1.0 KiB")]
        [InlineData(1536, "1 file: 1 created", "1.5 KiB")]
        [InlineData(1048575, "1 file: 1 created", "1024.0 KiB")]
        [InlineData(1048576, "1 file: 1 created", "1.0 MiB")]
        [InlineData(3670016, "1 file: 1 created", "3.5 MiB")]
        [InlineData(1073741823, "1 file: 1 created", "1024.0 MiB")]
        [InlineData(1073741824, "1 file: 1 created", "1.00 GiB")]
        [InlineData(5905580032, "1 file: 1 created", "5.50 GiB")]
        public void AcceptedBytesAreShownInTheLargestUnitUnder1024(long bytes, string files, string size)
        {
            var summary = new UploadSummary();
            summary.Add(Upload(RecordingUploadStatus.Created, bytes));

            Assert.Equal($"{files}, 0 already existed, 0 skipped, 0 in progress, 0 failed; {size} accepted in T s; exit code 0.", Text(summary));
        }

        [Fact]
        public void TwoFilesArePluralAndOneIsNot()
        {
            var one = new UploadSummary();
            one.Add(Upload(RecordingUploadStatus.Skipped, 5));
            var two = new UploadSummary();
            two.Add(Upload(RecordingUploadStatus.Skipped, 5));
            two.Add(Upload(RecordingUploadStatus.Skipped, 5));

            Assert.StartsWith("1 file: 0 created, 0 already existed, 1 skipped,", Text(one));
            Assert.StartsWith("2 files: 0 created, 0 already existed, 2 skipped,", Text(two));
        }

        [Fact]
        public void AFinishedSummarysClockNoLongerMoves()
        {
            var summary = new UploadSummary();
            summary.Finish();
            TimeSpan first = summary.Elapsed;

            // Time passes on purpose: a running clock would have moved by then.
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 50) { }

            Assert.Equal(first, summary.Elapsed);
        }
    }
}
