using System;
using System.Threading;

namespace Alpharun.Benchmarks
{
    /// <summary>What every scenario shares: the settings, the data, the one server, and fresh recorded_at values.</summary>
    internal sealed class BenchContext
    {
        // A valid past date with an offset; each run adds minutes to it.
        private static readonly DateTimeOffset FirstRecordedAt = new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5));

        private int _recordedAtCounter;

        public BenchContext(BenchmarkOptions options, BenchData data, SandboxProcess server)
        {
            Options = options;
            Data = data;
            Server = server;
        }

        public BenchmarkOptions Options { get; }

        public BenchData Data { get; }

        public SandboxProcess Server { get; }

        /// <summary>Waits for a quiet machine before each run and redoes disturbed runs.</summary>
        public DisturbanceGuard Guard { get; } = new DisturbanceGuard();

        /// <summary>Generous: a stuck client is killed and its run reported as failed rather than hanging the benchmark.</summary>
        public TimeSpan ChildTimeout { get; } = TimeSpan.FromMinutes(5);

        public string ApiKey => SandboxServerMode.ApiKeyText;

        /// <summary>
        /// A recorded_at no run has used yet: every upload of every run is then a new recording (201), so the server
        /// does the same work (parse, SHA-256, store) for every client and every repetition.
        /// </summary>
        public DateTimeOffset NextRecordedAt() => FirstRecordedAt.AddMinutes(Interlocked.Increment(ref _recordedAtCounter));

        /// <summary>The job arguments for a .NET client: the given files, the warm-up files, fresh recorded_at values.</summary>
        public string[] JobArguments(string filesList, int throttleLimit) =>
            ClientJob.ToArguments(Server.BaseUri, ApiKey, filesList, Data.WarmupList, NextRecordedAt(), NextRecordedAt(), throttleLimit);
    }
}
