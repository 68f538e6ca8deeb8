using System;
using System.Globalization;
using System.Reflection;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// The text of the progress bars (README "Progress": bytes of total, the rate once an upload has sent for a
    /// second, "sent, waiting for the API's answer"), read from the cmdlet layer's internal formatting by reflection:
    /// sizes up to GiB and a second of sending are more than a test upload can reach in reasonable time.
    /// </summary>
    public sealed class ProgressTextTests
    {
        private static readonly Type BatchProgress = typeof(Alpharun.Commands.SendAlpharunRecordingCommand).Assembly.GetType("Alpharun.Commands.BatchProgress", throwOnError: true)!;

        private static string Invoke(string method, params object[] arguments)
        {
            CultureInfo culture = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            try
            {
                return (string)BatchProgress.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, arguments)!;
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
            }
        }

        [Theory]
        [InlineData(0L, "0 B")]
        [InlineData(1023L, "1023 B")]
        [InlineData(1024L, "1.0 KiB")]
        [InlineData(1536L, "1.5 KiB")]
        [InlineData(1048575L, "1024.0 KiB")]
        [InlineData(1048576L, "1.0 MiB")]
        [InlineData(5 * 1048576L + 524288L, "5.5 MiB")]
        [InlineData(1073741823L, "1024.0 MiB")]
        [InlineData(1073741824L, "1.00 GiB")]
        [InlineData(3L * 1073741824L + 268435456L, "3.25 GiB")]
        public void SizesAreBytesKiBMiBOrGiB(long bytes, string text) => Assert.Equal(text, Invoke("Size", bytes));

        [Theory]
        [InlineData(0L, 4194304L, 0, "0 B of 4.0 MiB")]
        [InlineData(1048576L, 4194304L, 999, "1.0 MiB of 4.0 MiB")]
        [InlineData(1048576L, 4194304L, 1000, "1.0 MiB of 4.0 MiB at 1.0 MiB/s")]
        [InlineData(3145728L, 4194304L, 2000, "3.0 MiB of 4.0 MiB at 1.5 MiB/s")]
        [InlineData(4194304L, 4194304L, 500, "4.0 MiB sent, waiting for the API's answer")]
        [InlineData(4194304L, 4194304L, 3000, "4.0 MiB sent, waiting for the API's answer")]
        [InlineData(0L, 0L, 0, "0 B of 0 B")]
        public void AnUploadsBarShowsBytesOfTotalTheRateAfterASecondThenThatItWaits(long sent, long total, int milliseconds, string text) =>
            Assert.Equal(text, Invoke("LaneStatus", sent, total, TimeSpan.FromMilliseconds(milliseconds)));

        [Theory]
        [InlineData(10, 3, 1, 2, 1536L, "4 of 10 files (3 done, 1 failed, 2 sending), 1.5 KiB sent")]
        [InlineData(null, 3, 1, 0, 0L, "4 files (3 done, 1 failed), 0 B sent")]
        [InlineData(null, 0, 2, 1, 1023L, "2 files (0 done, 2 failed, 1 sending), 1023 B sent")]
        public void TheBatchBarCountsEndedFilesOfTheKnownTotalAndBytesSent(int? totalFiles, int done, int failed, int sending, long bytes, string text)
        {
            object progress = NewBatchProgress(totalFiles);
            CultureInfo culture = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            try
            {
                Assert.Equal(text, (string)BatchProgress.GetMethod("BatchStatus", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(progress, new object[] { done, failed, sending, bytes })!);
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
            }
        }

        [Theory]
        [InlineData(3, 1, 33)]
        [InlineData(3, 3, 100)]
        [InlineData(0, 0, -1)]
        [InlineData(null, 5, -1)]
        public void TheBatchBarsPercentIsEndedFilesOfTheKnownTotalOrNoneForPipedInput(int? totalFiles, int ended, int percent) =>
            Assert.Equal(percent, (int)BatchProgress.GetMethod("BatchPercent", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(NewBatchProgress(totalFiles), new object[] { ended })!);

        // Progress switched off: the formatting under test writes nothing, so no cmdlet is needed.
        private static object NewBatchProgress(int? totalFiles)
        {
            object progress = Activator.CreateInstance(BatchProgress, new object?[] { null, false })!;
            BatchProgress.GetProperty("TotalFiles")!.SetValue(progress, totalFiles);
            return progress;
        }
    }
}
