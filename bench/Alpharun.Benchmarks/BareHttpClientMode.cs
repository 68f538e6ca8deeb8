using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The "httpclient" role, the baseline: what a C# developer writes by hand with no Alpharun code at all —
    /// one HttpClient, a MultipartFormDataContent per file with a StreamContent over a FileStream, one file at a time.
    /// Public so BareHttpClientInPwsh.ps1 can run the same code inside a pwsh process.
    /// </summary>
    public static class BareHttpClientMode
    {
        public const string Name = "httpclient";

        // The module streams 80 KiB chunks; the baseline copies with the same buffer so the comparison is about
        // overhead, not buffer tuning (StreamContent's own default is smaller).
        private const int ChunkSize = 81920;
        private const string ContactsJson = "[{\"email\":\"bob@client.com\"}]";

        /// <summary>Runs the role: <paramref name="args"/> is "httpclient" and the job's pairs.</summary>
        public static async Task<int> RunAsync(string[] args)
        {
            ClientJob job = ClientJob.Parse(args, 1);
            var uploadUri = new Uri(job.BaseUri.AbsoluteUri.TrimEnd('/') + "/recordings/upload");
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", job.ApiKey);

            ClientReport warmup = await UploadAllAsync(http, uploadUri, job.WarmupFiles, job.WarmupRecordedAt, null).ConfigureAwait(false);
            if (warmup.Failed > 0)
            {
                Console.Error.WriteLine("Warm-up failed: " + warmup.FirstError);
                return 1;
            }

            ClientReport report = await UploadAllAsync(http, uploadUri, job.Files, job.RecordedAt, new TimedSection()).ConfigureAwait(false);
            Console.Out.WriteLine(report.ToLine());
            return report.Failed == 0 ? 0 : 1;
        }

        private static async Task<ClientReport> UploadAllAsync(HttpClient http, Uri uploadUri, IReadOnlyList<string> files, DateTimeOffset recordedAt, TimedSection? timed)
        {
            var report = new ClientReport { Files = files.Count };
            string recordedAtText = recordedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            timed?.Begin();
            foreach (string file in files)
            {
                var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
                long length = stream.Length;
                using var form = new MultipartFormDataContent();
                var audio = new StreamContent(stream, ChunkSize);
                audio.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
                form.Add(audio, "audio", Path.GetFileName(file));
                form.Add(new StringContent("ana@acme.com"), "teammate_email");
                form.Add(new StringContent(recordedAtText), "recorded_at");
                form.Add(new StringContent(ContactsJson, Encoding.UTF8, "application/json"), "contacts");

                using HttpResponseMessage response = await http.PostAsync(uploadUri, form).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                switch ((int)response.StatusCode)
                {
                    case 201:
                        report.Created++;
                        report.Bytes += length;
                        break;
                    case 200:
                        report.AlreadyExisted++;
                        report.Bytes += length;
                        break;
                    default:
                        report.Failed++;
                        report.FirstError ??= $"HTTP {(int)response.StatusCode}: {body}";
                        break;
                }
            }
            timed?.End(report);
            return report;
        }
    }
}
