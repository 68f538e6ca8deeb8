using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Alpharun.Tests
{
    /// <summary>Recordings, sends and journal lines for the journal's tests.</summary>
    internal static class JournalTestKit
    {
        public static readonly Contact[] Bob = { new Contact(email: "bob@client.com") };

        public static RecordingFields Fields(DateTimeOffset? recordedAt = null, string teammate = "ana@acme.com", Guid? playbook = null) =>
            new RecordingFields(teammate, Bob, recordedAt, playbook);

        /// <summary>A PCM WAV (8 kHz mono 16-bit) of random samples seeded by <paramref name="seed"/>; with a bext date when given.</summary>
        public static string Wav(TempFiles files, string name, int seed, int frames = 8000, string? bextDate = null)
        {
            var samples = new byte[frames * 2];
            new Random(seed).NextBytes(samples);
            var wav = new WavBuilder().Fmt(1, 8000, 1, 16);
            if (bextDate != null) wav.Bext(bextDate.Substring(0, 10), bextDate.Substring(11, 8));
            byte[] bytes = wav.Chunk("data", samples).Build();
            string path = Path.Combine(files.Folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            File.SetLastWriteTimeUtc(path, new DateTime(2024, 3, 5, 19, 30, 0, DateTimeKind.Utc));
            return path;
        }

        /// <summary>
        /// Sends <paramref name="plan"/>'s body as the client does (the audio streamed through the multipart content,
        /// hashed on the way) and answers as the API would, with a new id.
        /// </summary>
        public static async Task<RecordingUpload> SendAsync(UploadPlan plan, RecordingUploadStatus status = RecordingUploadStatus.Created)
        {
            RecordingUploadRequest request = plan.Request ?? throw new InvalidOperationException("Only a planned send has a request.");
            using var content = new RecordingMultipartContent(request);
            await content.CopyToAsync(Stream.Null);
            return Accepted(request, content.AudioLength, status);
        }

        /// <summary>An answer of the API for <paramref name="request"/>, without anything sent.</summary>
        public static RecordingUpload Accepted(RecordingUploadRequest request, long length, RecordingUploadStatus status = RecordingUploadStatus.Created) =>
            new RecordingUpload(request, length, status, Guid.NewGuid(), status == RecordingUploadStatus.Created ? 201 : 200, TimeSpan.Zero, 1);

        /// <summary>Plans, sends and journals the file: what one run of a batch does for it.</summary>
        public static async Task<RecordingUpload> SendAndRecordAsync(UploadJournal journal, string path, RecordingFields fields)
        {
            UploadPlan plan = new UploadPlanner(journal).Plan(path, fields);
            if (plan.Kind != UploadPlanKind.Send) throw new InvalidOperationException($"Expected to send '{path}', the plan says {plan.Kind}: {string.Join(" ", plan.Notes)}");
            RecordingUpload upload = await SendAsync(plan);
            journal.Record(plan, upload);
            return upload;
        }

        /// <summary>The journal's lines as JSON, read as another program would while it is open.</summary>
        public static IReadOnlyList<JsonElement> Lines(string journalPath)
        {
            using var stream = new FileStream(journalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        }

        /// <summary>Replaces the file's bytes with as many bytes of something else (a PDF's start, then zeros), keeping its last write time.</summary>
        public static void ReplaceWithGarbageKeepingItsTime(string path)
        {
            DateTime written = File.GetLastWriteTimeUtc(path);
            long length = new FileInfo(path).Length;
            var garbage = new byte[length];
            System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(garbage, 0);
            File.WriteAllBytes(path, garbage);
            File.SetLastWriteTimeUtc(path, written);
        }
    }
}
