using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>The streaming multipart/form-data reader on its own.</summary>
    public sealed class MultipartFormReaderTests : IDisposable
    {
        private const string Boundary = "sandbox-test-boundary";
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        [Theory]
        [InlineData("multipart/form-data; boundary=abc123", "abc123")]
        [InlineData("multipart/form-data; boundary=\"a b:c=d\"", "a b:c=d")]
        [InlineData("Multipart/Form-Data;charset=utf-8;BOUNDARY=x", "x")]
        [InlineData("multipart/form-data; boundary=\"quo\\\"te\"", "quo\"te")]
        public void BoundaryIsTakenFromTheContentTypeQuotedOrNot(string contentType, string expected)
        {
            Assert.True(MultipartFormReader.TryGetBoundary(contentType, out string boundary, out string error));
            Assert.Equal(expected, boundary);
            Assert.Equal(string.Empty, error);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("multipart/mixed; boundary=x")]
        [InlineData("multipart/form-data; boundary=")]
        [InlineData("multipart/form-data; boundary=\"ends-in-space \"")]
        [InlineData("multipart/form-data; boundary=01234567890123456789012345678901234567890123456789012345678901234567890")]
        public void BoundaryIsRefusedWhenMissingOrInvalid(string? contentType)
        {
            Assert.False(MultipartFormReader.TryGetBoundary(contentType, out string boundary, out string error));
            Assert.Equal(string.Empty, boundary);
            Assert.NotEmpty(error);
        }

        [Fact]
        public async Task PartsAreReadFromABodyDeliveredOneByteAtATime()
        {
            byte[] audio = FormBuilder.Audio(5000, 9);
            byte[] body = new FormBuilder(Boundary).File("audio", "a.wav", audio).Field("teammate_email", "ann@acme.com").Build();

            List<(string Name, string? FileName, string? ContentType, byte[] Body)> parts = await ReadAllAsync(new ChunkedStream(body, 1), Boundary);

            Assert.Equal(2, parts.Count);
            Assert.Equal(("audio", "a.wav", "audio/wav"), (parts[0].Name, parts[0].FileName, parts[0].ContentType));
            Assert.Equal(audio, parts[0].Body);
            Assert.Equal(("teammate_email", (string?)null, (string?)null), (parts[1].Name, parts[1].FileName, parts[1].ContentType));
            Assert.Equal("ann@acme.com", Encoding.UTF8.GetString(parts[1].Body));
        }

        [Fact]
        public async Task DataThatAlmostMatchesTheDelimiterIsKept()
        {
            string tricky = $"x\r\n--{Boundary.Substring(0, 10)}y\r\n-{Boundary}\n--{Boundary}z--\r\n--";
            byte[] data = Encoding.ASCII.GetBytes(tricky);
            var form = new FormBuilder(Boundary).Part("Content-Disposition: form-data; name=\"f\"\r\n", data);

            List<(string Name, string? FileName, string? ContentType, byte[] Body)> parts = await ReadAllAsync(new ChunkedStream(form.Build(), 1), Boundary);

            Assert.Equal(tricky, Encoding.ASCII.GetString(Assert.Single(parts).Body));
        }

        [Fact]
        public async Task PreambleEpilogueAndTransportPaddingAreIgnored()
        {
            string text = $"preamble text\r\n--{Boundary}  \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--{Boundary}\r\n" +
                          $"Content-Disposition: form-data; name=\"b\"\r\n\r\ntwo\r\n--{Boundary}--\r\nepilogue";

            List<(string Name, string? FileName, string? ContentType, byte[] Body)> parts = await ReadAllAsync(new MemoryStream(Encoding.ASCII.GetBytes(text)), Boundary);

            Assert.Equal(new[] { "a=one", "b=two" }, parts.Select(p => p.Name + "=" + Encoding.ASCII.GetString(p.Body)));
        }

        [Fact]
        public async Task EmptyPartAndEmptyFormAreRead()
        {
            string text = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--{Boundary}--";
            string empty = $"--{Boundary}--\r\n";

            var parts = await ReadAllAsync(new MemoryStream(Encoding.ASCII.GetBytes(text)), Boundary);
            var none = await ReadAllAsync(new MemoryStream(Encoding.ASCII.GetBytes(empty)), Boundary);

            Assert.Empty(Assert.Single(parts).Body);
            Assert.Empty(none);
        }

        [Theory]
        [InlineData("form-data; name=\"audio\"; filename=\"plain.wav\"; filename*=UTF-8''caf%C3%A9%20%E6%9D%B1%E4%BA%AC.wav", "café 東京.wav")]
        [InlineData("form-data; filename*=utf-8''Zo%C3%AB.wav; name=audio; filename=Zoe.wav", "Zoë.wav")]
        [InlineData("form-data; name=audio; filename*=iso-8859-1'en'Zo%EB.wav", "Zoë.wav")]
        [InlineData("form-data; name=audio; filename=\"fallback.wav\"; filename*=x-unknown''bad.wav", "fallback.wav")]
        [InlineData("form-data; name=audio; filename=\"bad-percent.wav\"; filename*=UTF-8''bad%ZZ.wav", "bad-percent.wav")]
        [InlineData("form-data; name=\"audio\"; filename=\"say \\\"hi\\\" \\\\ bye; ok.wav\"", "say \"hi\" \\ bye; ok.wav")]
        [InlineData("form-data; name=\"audio\"; filename=\"café 東京.wav\"", "café 東京.wav")]
        public async Task FileNameIsDecodedPreferringFileNameStar(string disposition, string expected)
        {
            byte[] body = new FormBuilder(Boundary).Part($"Content-Disposition: {disposition}\r\n", new byte[] { 1 }).Build();

            var parts = await ReadAllAsync(new MemoryStream(body), Boundary);

            Assert.Equal(("audio", expected), (Assert.Single(parts).Name, parts[0].FileName));
        }

        [Fact]
        public async Task UnreadPartIsSkippedWhenTheNextIsRequested()
        {
            byte[] body = new FormBuilder(Boundary).File("audio", "a.wav", FormBuilder.Audio(200_000, 1)).Field("contacts", "[]").Build();
            var reader = new MultipartFormReader(new MemoryStream(body), Boundary);

            MultipartPart first = (await reader.ReadNextPartAsync())!;
            byte[] start = new byte[10];
            int n = await first.Body.ReadAsync(start, 0, start.Length);
            MultipartPart second = (await reader.ReadNextPartAsync())!;
            string contacts = await new StreamReader(second.Body).ReadToEndAsync();

            Assert.Equal(10, n);
            Assert.Equal(FormBuilder.Audio(200_000, 1).Take(10), start);
            Assert.Equal(0, await first.Body.ReadAsync(start, 0, start.Length));
            Assert.Equal("[]", contacts);
            Assert.Null(await reader.ReadNextPartAsync());
        }

        [Theory]
        [InlineData("--sandbox-test-boundary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", "The body ended inside part 1, before the closing delimiter '--sandbox-test-boundary--'. The upload is incomplete.")]
        [InlineData("--sandbox-test-boundary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--sandbox-test-boundary", "The body ended after a boundary delimiter, without the closing delimiter '--sandbox-test-boundary--'. The upload is incomplete.")]
        [InlineData("--sandbox-test-boundary\r\nContent-Disposition: form-data; name=\"a\"\r\n", "The body ended inside the headers of part 1. The upload is incomplete.")]
        [InlineData("no delimiter at all", "The body holds no boundary delimiter '--sandbox-test-boundary'. Check the boundary in the Content-Type.")]
        [InlineData("", "The body holds no boundary delimiter '--sandbox-test-boundary'. Check the boundary in the Content-Type.")]
        [InlineData("--sandbox-test-boundaryX\r\n", "A boundary delimiter '--sandbox-test-boundary' is followed by other text on its line. Check that the boundary does not occur inside a part.")]
        [InlineData("--sandbox-test-boundary\r\nContent-Type: text/plain\r\n\r\nx\r\n--sandbox-test-boundary--", "Part 1 of the form has no Content-Disposition header.")]
        [InlineData("--sandbox-test-boundary\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--sandbox-test-boundary--", "Part 1 of the form has no name in its Content-Disposition.")]
        [InlineData("--sandbox-test-boundary\r\nno colon\r\n\r\nx\r\n--sandbox-test-boundary--", "A header line of part 1 is not 'Name: value'.")]
        public async Task MalformedBodyThrowsMultipartFormatException(string text, string message)
        {
            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(new ChunkedStream(Encoding.ASCII.GetBytes(text), 1), Boundary));

            Assert.Equal(message, e.Message);
        }

        [Fact]
        public async Task PartHeadersOver16KiBThrow()
        {
            string text = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Big: {new string('a', 17 * 1024)}\r\n\r\nx\r\n--{Boundary}--";

            MultipartFormatException e = await Assert.ThrowsAsync<MultipartFormatException>(() => ReadAllAsync(new MemoryStream(Encoding.ASCII.GetBytes(text)), Boundary));

            Assert.Equal("The headers of part 1 are larger than 16 KiB.", e.Message);
        }

        [Fact]
        public async Task ClientBodyReadsTheSameAsWithAspNetCoreReader()
        {
            // An independent parser: the client and the sandbox must not merely agree with each other.
            string path = _files.Create("café 東京.wav", length: 150_000, seed: 3);
            var request = new RecordingUploadRequest(path, "ann@acme.com", SandboxTestKit.RecordedAt, new[] { new Contact(email: "bob@client.com", firstName: "Bob") }, Guid.NewGuid());
            using var content = new RecordingMultipartContent(request);
            byte[] body = await content.ReadAsByteArrayAsync();
            Assert.True(MultipartFormReader.TryGetBoundary(content.Headers.ContentType!.ToString(), out string boundary, out _));

            var ours = await ReadAllAsync(new MemoryStream(body), boundary);
            var theirs = new List<(string Name, string? FileName, byte[] Body)>();
            var aspNet = new MultipartReader(boundary, new MemoryStream(body));
            for (MultipartSection? section = await aspNet.ReadNextSectionAsync(); section != null; section = await aspNet.ReadNextSectionAsync())
            {
                ContentDispositionHeaderValue disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
                var copy = new MemoryStream();
                await section.Body.CopyToAsync(copy);
                string? fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.HasValue ? disposition.FileName.Value : null;
                theirs.Add((disposition.Name.Value!.Trim('"'), fileName, copy.ToArray()));
            }

            Assert.Equal(new[] { "audio", "teammate_email", "recorded_at", "playbook_id", "contacts" }, ours.Select(p => p.Name));
            Assert.Equal(theirs.Select(p => p.Name), ours.Select(p => p.Name));
            Assert.Equal(theirs.Select(p => p.FileName), ours.Select(p => p.FileName));
            Assert.Equal("café 東京.wav", ours[0].FileName);
            for (int i = 0; i < ours.Count; i++) Assert.Equal(theirs[i].Body, ours[i].Body);
            Assert.Equal(File.ReadAllBytes(path), ours[0].Body);
        }

        private static async Task<List<(string Name, string? FileName, string? ContentType, byte[] Body)>> ReadAllAsync(Stream body, string boundary)
        {
            var reader = new MultipartFormReader(body, boundary);
            var parts = new List<(string, string?, string?, byte[])>();
            for (MultipartPart? part = await reader.ReadNextPartAsync(); part != null; part = await reader.ReadNextPartAsync())
            {
                var copy = new MemoryStream();
                await part.Body.CopyToAsync(copy);
                parts.Add((part.Name, part.FileName, part.ContentType, copy.ToArray()));
            }
            return parts;
        }
    }
}
