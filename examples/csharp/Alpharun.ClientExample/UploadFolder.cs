using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alpharun;

namespace Alpharun.ClientExample
{
    /// <summary>Uploads every .wav file of a folder with the C# client: validation, retries and dedupe included.</summary>
    public static class UploadFolder
    {
        public static async Task<IReadOnlyList<RecordingUpload>> RunAsync(AlpharunConnection connection, string folder, string teammate, string contactEmail, CancellationToken cancellationToken = default)
        {
            using var client = new AlpharunClient(connection, "Alpharun.ClientExample") { RetryPolicy = new RetryPolicy(maxRetries: 3) };
            var uploads = new List<RecordingUpload>();
            foreach (string file in Directory.GetFiles(folder, "*.wav").OrderBy(f => f, StringComparer.Ordinal))
            {
                var request = new RecordingUploadRequest(file, teammate, new DateTimeOffset(File.GetLastWriteTime(file)), new[] { new Contact(email: contactEmail) });
                try
                {
                    RecordingUpload upload = await client.UploadRecordingAsync(request, null, cancellationToken);
                    Console.WriteLine($"{upload.FileName}: {upload.Status} {upload.RecordingId}");
                    uploads.Add(upload);
                }
                catch (AlpharunValidationException e)
                {
                    Console.Error.WriteLine($"{file}: not sent: {e.Message}");
                }
                catch (AlpharunApiException e)
                {
                    Console.Error.WriteLine($"{file}: {e.Kind}: {e.Message}");
                }
            }
            return uploads;
        }
    }
}
