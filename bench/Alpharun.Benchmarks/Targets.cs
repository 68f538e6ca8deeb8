namespace Alpharun.Benchmarks
{
    /// <summary>The performance targets the tables check, in one place (issue 10).</summary>
    internal static class Targets
    {
        /// <summary>1 GiB upload: peak working-set growth of the uploading process, MiB, at most.</summary>
        public const double LargeGrowthMiB = 32;

        /// <summary>1 GiB upload: client CPU seconds as a multiple of the bare HttpClient's, at most.</summary>
        public const double LargeCpuVsHttpClient = 1.0;

        /// <summary>1 GiB upload: throughput as a fraction of curl -F's, at least.</summary>
        public const double LargeThroughputVsCurl = 0.95;

        /// <summary>Small files, -ThrottleLimit 1: time as a multiple of the bare (sequential) HttpClient loop's, at most.</summary>
        public const double SequentialTimeRatio = 1.2;

        /// <summary>Small files, the default -ThrottleLimit: time as a multiple of the bare (sequential) HttpClient loop's, at most.</summary>
        public const double DefaultThrottleTimeRatio = 1.0;

        /// <summary>Send-AlpharunRecording's default -ThrottleLimit, the one both the WAN and the loopback targets judge.</summary>
        public const int DefaultThrottle = 4;

        /// <summary>
        /// WAN (40 ms round trip, TLS, 256 KiB files): Send-AlpharunRecording at its default -ThrottleLimit (4), files/s
        /// as a multiple of a sequential Invoke-RestMethod -Form loop's, at least.
        /// </summary>
        public const double WanDefaultThrottleVsIrmLoop = 8.0;

        /// <summary>The link and file size <see cref="WanDefaultThrottleVsIrmLoop"/> is set for; other WAN settings are reported, not judged.</summary>
        public const int WanRoundTripMs = 40;

        public const int WanFileKiB = 256;

        /// <summary>Import-Module Alpharun in real pwsh after the engine imported one empty module, median milliseconds, at most.</summary>
        public const double ImportMilliseconds = 75;

        /// <summary>A first journaled run: bytes read as a multiple of the bytes of the files, at most (each file read once, issue 16).</summary>
        public const double JournalFirstRunRead = 1.05;

        /// <summary>A journaled rerun of files all sent before: bytes read as a share of the bytes of the files, at most (issue 16).</summary>
        public const double JournalRerunRead = 0.01;
    }
}
