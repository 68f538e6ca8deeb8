namespace Alpharun.Benchmarks
{
    /// <summary>The performance targets the table checks, in one place.</summary>
    internal static class Targets
    {
        /// <summary>1 GiB upload: peak working-set growth of the uploading process, MiB, at most.</summary>
        public const double LargeGrowthMiB = 32;

        /// <summary>1 GiB upload: throughput as a fraction of the bare HttpClient's, at least.</summary>
        public const double LargeThroughputRatio = 0.9;

        /// <summary>Small files, sequential: time as a multiple of the bare HttpClient loop's, at most.</summary>
        public const double SequentialTimeRatio = 1.2;

        /// <summary>Small files: -ThrottleLimit 8 speed-up over -ThrottleLimit 1, at least.</summary>
        public const double Throttle8SpeedUp = 3.0;

        /// <summary>
        /// WAN (40 ms round trip, TLS, 256 KiB files): Send-AlpharunRecording at its default -ThrottleLimit (4), files/s
        /// as a multiple of a sequential Invoke-RestMethod -Form loop's, at least.
        /// </summary>
        public const double WanDefaultThrottleVsIrmLoop = 8.0;

        /// <summary>The link and file size <see cref="WanDefaultThrottleVsIrmLoop"/> is set for; other WAN settings are reported, not judged.</summary>
        public const int WanRoundTripMs = 40;

        public const int WanFileKiB = 256;

        /// <summary>Import-Module Alpharun, median milliseconds, at most.</summary>
        public const double ImportMilliseconds = 150;
    }
}
