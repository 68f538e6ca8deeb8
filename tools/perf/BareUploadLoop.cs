// What a C# developer writes by hand to upload files, with no Alpharun code: one HttpClient, a
// MultipartFormDataContent per file with StreamContent over a FileStream (80 KiB buffer), one file at a time. The
// measuring scripts here compile it in pwsh with Add-Type (bench/Alpharun.Benchmarks/BareHttpClientMode.cs is the
// benchmark's own copy, async, in its own process).
using System; using System.IO; using System.Net.Http; using System.Net.Http.Headers; using System.Text;
public static class BareUploadLoop {
    public static int Run(HttpClient http, Uri uri, string[] files, string recordedAt) {
        int created = 0;
        foreach (string file in files) {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            using (var form = new MultipartFormDataContent()) {
                var audio = new StreamContent(stream, 81920);
                audio.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
                form.Add(audio, "audio", Path.GetFileName(file));
                form.Add(new StringContent("ana@acme.com"), "teammate_email");
                form.Add(new StringContent(recordedAt), "recorded_at");
                form.Add(new StringContent("[{\"email\":\"bob@client.com\"}]", Encoding.UTF8, "application/json"), "contacts");
                using (HttpResponseMessage response = http.PostAsync(uri, form).GetAwaiter().GetResult()) {
                    response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                    if ((int)response.StatusCode == 201) created++;
                }
            }
        }
        return created;
    }
}
