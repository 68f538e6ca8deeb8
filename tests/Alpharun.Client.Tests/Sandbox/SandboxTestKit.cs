using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Alpharun.Sandbox;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>Shared pieces of the sandbox tests: a server, a client for it, requests and raw HTTP posts.</summary>
    internal static class SandboxTestKit
    {
        public static readonly DateTimeOffset RecordedAt = new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5));

        // Proxies from the environment must not capture loopback traffic.
        private static readonly HttpClient Http = new HttpClient(new HttpClientHandler { UseProxy = false, AllowAutoRedirect = false });

        public static SandboxServer StartServer(Action<SandboxOptions>? configure = null)
        {
            var options = new SandboxOptions();
            configure?.Invoke(options);
            return SandboxServer.Start(options);
        }

        public static AlpharunClient ClientFor(SandboxServer server) => new AlpharunClient(new AlpharunConnection(server.ApiKey, server.BaseUri));

        public static RecordingUploadRequest Request(string path, string teammate = "ann@acme.com", DateTimeOffset? recordedAt = null, IEnumerable<Contact>? contacts = null, Guid? playbookId = null) =>
            new RecordingUploadRequest(path, teammate, recordedAt ?? RecordedAt, contacts ?? new[] { new Contact(email: "bob@client.com") }, playbookId);

        public static string UploadUri(SandboxServer server) => server.BaseUri.AbsoluteUri + "/recordings/upload";

        /// <summary>POSTs <paramref name="content"/> to the upload endpoint with the server's key (or <paramref name="key"/>; "" sends none).</summary>
        public static async Task<ApiAnswer> PostAsync(SandboxServer server, HttpContent content, string? key = null, string? uri = null)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, uri ?? UploadUri(server)) { Content = content };
            key ??= server.ApiKey.Reveal();
            if (key.Length > 0) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using HttpResponseMessage response = await Http.SendAsync(message);
            return await ApiAnswer.ReadAsync(response);
        }

        public static async Task<ApiAnswer> SendAsync(HttpRequestMessage message)
        {
            using HttpResponseMessage response = await Http.SendAsync(message);
            return await ApiAnswer.ReadAsync(response);
        }
    }

    /// <summary>A status and JSON body, as the sandbox answered.</summary>
    internal sealed class ApiAnswer
    {
        private ApiAnswer(int status, string? mediaType, string body, IReadOnlyDictionary<string, string> headers)
        {
            Status = status;
            MediaType = mediaType;
            Body = body;
            Headers = headers;
            using JsonDocument document = JsonDocument.Parse(body);
            Json = document.RootElement.Clone();
        }

        public int Status { get; }
        public string? MediaType { get; }
        public string Body { get; }
        public JsonElement Json { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }

        public string? Message => Json.TryGetProperty("message", out JsonElement m) ? m.GetString() : null;
        public string? Field => Json.TryGetProperty("field", out JsonElement f) ? f.GetString() : null;
        public Guid RecordingId => Guid.Parse(Json.GetProperty("data").GetProperty("recording").GetProperty("id").GetString()!);

        public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers) headers[header.Key] = string.Join(", ", header.Value);
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers) headers[header.Key] = string.Join(", ", header.Value);
            return new ApiAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), headers);
        }

        public static ApiAnswer FromRaw(int status, IReadOnlyDictionary<string, string> headers, string body)
        {
            headers.TryGetValue("Content-Type", out string? type);
            return new ApiAnswer(status, type?.Split(';')[0].Trim(), body, headers);
        }
    }
}
