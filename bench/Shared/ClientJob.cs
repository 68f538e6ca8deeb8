using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// What one uploading client process is asked to do, passed on its command line as "--name value" pairs: the
    /// same job for the PowerShell host and the bare HttpClient loop, so both do identical work.
    /// </summary>
    internal sealed class ClientJob
    {
        public Uri BaseUri { get; private set; } = new Uri("http://127.0.0.1/");

        public string ApiKey { get; private set; } = string.Empty;

        /// <summary>The files of the timed run, in order.</summary>
        public IReadOnlyList<string> Files { get; private set; } = Array.Empty<string>();

        /// <summary>Files uploaded once, untimed, before the timed run (JIT, connection, page cache).</summary>
        public IReadOnlyList<string> WarmupFiles { get; private set; } = Array.Empty<string>();

        /// <summary>recorded_at of the timed run; unique per run so every upload is new (201) and the server does equal work.</summary>
        public DateTimeOffset RecordedAt { get; private set; }

        public DateTimeOffset WarmupRecordedAt { get; private set; }

        /// <summary>Send-AlpharunRecording -ThrottleLimit; the bare client is always sequential.</summary>
        public int ThrottleLimit { get; private set; } = 1;

        public static string[] ToArguments(Uri baseUri, string apiKey, string filesList, string warmupList, DateTimeOffset recordedAt, DateTimeOffset warmupRecordedAt, int throttleLimit) => new[]
        {
            "--base-uri", baseUri.AbsoluteUri,
            "--api-key", apiKey,
            "--files", filesList,
            "--warmup-files", warmupList,
            "--recorded-at", recordedAt.ToString("o", CultureInfo.InvariantCulture),
            "--warmup-recorded-at", warmupRecordedAt.ToString("o", CultureInfo.InvariantCulture),
            "--throttle", throttleLimit.ToString(CultureInfo.InvariantCulture),
        };

        /// <summary>Reads the pairs from <paramref name="args"/> starting at <paramref name="start"/>.</summary>
        public static ClientJob Parse(string[] args, int start)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = start; i + 1 < args.Length; i += 2) values[args[i]] = args[i + 1];
            string Get(string name) => values.TryGetValue(name, out string? v) ? v : throw new ArgumentException($"Missing {name}.");

            return new ClientJob
            {
                BaseUri = new Uri(Get("--base-uri")),
                ApiKey = Get("--api-key"),
                Files = ReadList(Get("--files")),
                WarmupFiles = ReadList(Get("--warmup-files")),
                RecordedAt = DateTimeOffset.Parse(Get("--recorded-at"), CultureInfo.InvariantCulture),
                WarmupRecordedAt = DateTimeOffset.Parse(Get("--warmup-recorded-at"), CultureInfo.InvariantCulture),
                ThrottleLimit = int.Parse(Get("--throttle"), CultureInfo.InvariantCulture),
            };
        }

        // One path per line: 200 paths would make an unwieldy command line.
        private static string[] ReadList(string listFile) => File.ReadAllLines(listFile).Where(l => l.Length > 0).ToArray();
    }
}
