using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>Reads the client's bytes with ASP.NET Core's MultipartReader, a parser the sandbox does not share.</summary>
    public class RecordingMultipartContentTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private sealed record Part(string Name, string? FileName, string? FileNameStar, string? ContentType, byte[] Body)
        {
            public string Text => Encoding.UTF8.GetString(Body);
        }

        private static async Task<(List<Part> Parts, long Declared, long Actual)> ParseAsync(RecordingMultipartContent content)
        {
            byte[] body = await content.ReadAsByteArrayAsync();
            string boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(content.Headers.ContentType!.ToString()).Boundary).Value!;
            var reader = new MultipartReader(boundary, new MemoryStream(body));
            var parts = new List<Part>();
            for (MultipartSection? section = await reader.ReadNextSectionAsync(); section != null; section = await reader.ReadNextSectionAsync())
            {
                ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition);
                using var copy = new MemoryStream();
                await section.Body.CopyToAsync(copy);
                parts.Add(new Part(HeaderUtilities.RemoveQuotes(disposition!.Name).Value!,
                    disposition.FileName.HasValue ? HeaderUtilities.UnescapeAsQuotedString(disposition.FileName).Value : null,
                    disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : null,
                    section.ContentType, copy.ToArray()));
            }
            return (parts, content.Headers.ContentLength ?? -1, body.Length);
        }

        private RecordingUploadRequest Request(string fileName, Guid? playbook = null, int length = 5000)
        {
            string path = _files.Create(fileName, length);
            return new RecordingUploadRequest(path, "ana@acme.com", new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(-5)),
                new[] { new Contact(email: "bob@client.com"), new Contact(phoneNumber: "+15551234567", firstName: "Li") }, playbook);
        }

        [Fact]
        public async Task SendsTheSeedsPartsInOrderWithTheirValues()
        {
            RecordingUploadRequest request = Request("call.wav");
            var (parts, _, _) = await ParseAsync(new RecordingMultipartContent(request));

            Assert.Equal(new[] { "audio", "teammate_email", "recorded_at", "contacts" }, parts.Select(p => p.Name));
            Assert.Equal("ana@acme.com", parts[1].Text);
            Assert.Equal("2024-01-15T14:30:00-05:00", parts[2].Text);
            Assert.Equal("application/json", parts[3].ContentType);
            Assert.Equal("[{\"email\":\"bob@client.com\"},{\"first_name\":\"Li\",\"phone_number\":\"+15551234567\"}]", parts[3].Text);
        }

        [Fact]
        public async Task AudioPartCarriesTheExactBytesNameAndType()
        {
            RecordingUploadRequest request = Request("call.wav");
            var (parts, _, _) = await ParseAsync(new RecordingMultipartContent(request));

            Part audio = parts[0];
            Assert.Equal("call.wav", audio.FileName);
            Assert.Equal("audio/wav", audio.ContentType);
            Assert.Equal(File.ReadAllBytes(request.FilePath), audio.Body);
        }

        [Fact]
        public async Task PlaybookIdIsSentOnlyWhenGiven()
        {
            var id = Guid.Parse("3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b");
            var (parts, _, _) = await ParseAsync(new RecordingMultipartContent(Request("a.mp3", id)));
            Assert.Equal("3f2c1b7e-8d4a-4e55-9a0b-1c2d3e4f5a6b", parts.Single(p => p.Name == "playbook_id").Text);
            Assert.Equal("audio/mpeg", parts[0].ContentType);
        }

        [Fact]
        public async Task DeclaredLengthEqualsTheBytesSent()
        {
            var (_, declared, actual) = await ParseAsync(new RecordingMultipartContent(Request("call.ogg", length: 300_000)));
            Assert.Equal(actual, declared);
        }

        [Theory]
        [InlineData("café 東京 🎧.wav")]
        [InlineData("it's \"quoted\"; a=b 100%.wav")]
        public async Task OddFileNamesArriveExactly(string name)
        {
            var (parts, _, _) = await ParseAsync(new RecordingMultipartContent(Request(name)));
            string received = parts[0].FileNameStar ?? parts[0].FileName!;
            Assert.Equal(name, received);
            Assert.Equal(name, parts[0].FileName);
        }

        /// <summary>The audio part's Content-Disposition line, read from the raw bytes the client sends.</summary>
        private static async Task<string> RawAudioDispositionAsync(RecordingMultipartContent content)
        {
            string raw = Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync());
            return Regex.Match(raw, "Content-Disposition: (form-data; name=\"audio\"[^\r\n]*)\r\n").Groups[1].Value;
        }

        [Fact]
        public async Task NonAsciiFileNameIsSentAsAnRfc8187FileNameStar()
        {
            string disposition = await RawAudioDispositionAsync(new RecordingMultipartContent(Request("café 東京 🎧.wav")));

            string star = Regex.Match(disposition, "; filename\\*=([^;]*)$").Groups[1].Value;
            Assert.Equal("UTF-8''caf%C3%A9%20%E6%9D%B1%E4%BA%AC%20%F0%9F%8E%A7.wav", star);
            Assert.Equal("café 東京 🎧.wav", Uri.UnescapeDataString(star.Substring("UTF-8''".Length)));
        }

        [Fact]
        public async Task AttrCharsStayPlainInFileNameStarAndTheRestIsPercentEncoded()
        {
            string disposition = await RawAudioDispositionAsync(new RecordingMultipartContent(Request("é a!#$&+-.^_`|~'*%()b.wav")));

            Assert.EndsWith("; filename*=UTF-8''%C3%A9%20a!#$&+-.^_`|~%27%2A%25%28%29b.wav", disposition);
        }

        [Fact]
        public async Task PrintableAsciiFileNameHasNoFileNameStar()
        {
            string disposition = await RawAudioDispositionAsync(new RecordingMultipartContent(Request("it's \"quoted\"; a=b 100%.wav")));

            Assert.Equal("form-data; name=\"audio\"; filename=\"it's \\\"quoted\\\"; a=b 100%.wav\"", disposition);
        }

        [Theory]
        [InlineData(".wav", "audio/wav")]
        [InlineData(".MP3", "audio/mpeg")]
        [InlineData(".m4a", "audio/mp4")]
        [InlineData(".mp4", "audio/mp4")]
        [InlineData(".ogg", "audio/ogg")]
        [InlineData(".oga", "audio/ogg")]
        [InlineData(".opus", "audio/opus")]
        [InlineData(".webm", "audio/webm")]
        [InlineData(".flac", "audio/flac")]
        [InlineData(".aac", "audio/aac")]
        [InlineData(".amr", "audio/amr")]
        [InlineData(".xyz", "application/octet-stream")]
        public void ContentTypeComesFromTheExtension(string extension, string expected) =>
            Assert.Equal(expected, AudioMediaTypes.ForFile("x" + extension));

        [Fact]
        public void FileNameWithALineBreakIsRefusedNotInjected()
        {
            var e = Assert.Throws<ArgumentException>(() => RecordingMultipartContent.FileDisposition("audio", "a\r\nX-Evil: 1.wav"));
            Assert.Equal("fileName", e.ParamName);
            Assert.StartsWith("A file name with control characters cannot be sent in a header.", e.Message);
        }

        [Theory]
        [InlineData("a~b.wav")]
        [InlineData(" ~.wav")]
        public void TildeAndSpaceAreTheEdgesOfPrintableAsciiAndGetNoFileNameStar(string fileName) =>
            Assert.Equal("form-data; name=\"audio\"; filename=\"" + fileName + "\"", RecordingMultipartContent.FileDisposition("audio", fileName));

        [Fact]
        public void DigitsAndLettersAtTheEndsOfTheirRangesStayPlainInFileNameStar() =>
            Assert.Equal("form-data; name=\"audio\"; filename=\"\u00e9 AZ az 09 ~.wav\"; filename*=UTF-8''%C3%A9%20AZ%20az%2009%20~.wav",
                RecordingMultipartContent.FileDisposition("audio", "\u00e9 AZ az 09 ~.wav"));

        [Fact]
        public void NullRequestIsRefusedByName()
        {
            var e = Assert.Throws<ArgumentNullException>(() => new RecordingMultipartContent(null!));
            Assert.Equal("request", e.ParamName);
        }

        /// <summary>The body is written into a buffer; a file change surfaces as RecordingFileChangedException (HttpContent may wrap it).</summary>
        private static async Task<RecordingFileChangedException> FileChangeWhileSendingAsync(RecordingMultipartContent content, Stream? sink = null)
        {
            Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => content.CopyToAsync(sink ?? new MemoryStream()));
            for (Exception? e = thrown; e != null; e = e.InnerException)
            {
                if (e is RecordingFileChangedException changed) return changed;
            }
            throw new Xunit.Sdk.XunitException("No RecordingFileChangedException in " + thrown);
        }

        [Fact]
        public async Task FileThatGrewByLessThanAChunkAfterTheBodyWasBuiltIsRefusedAsStillBeingWritten()
        {
            // More than one 80 KiB chunk, then 1000 bytes more: the last read must stop at the length declared up front.
            RecordingUploadRequest request = Request("call.wav", length: 100_000);
            var content = new RecordingMultipartContent(request);
            using (var append = new FileStream(request.FilePath, FileMode.Append)) append.Write(new byte[1000], 0, 1000);

            RecordingFileChangedException changed = await FileChangeWhileSendingAsync(content);

            Assert.Equal($"The file '{request.FilePath}' grew while it was being sent; it is probably still being written. Upload it again once it is complete.", changed.Message);
        }

        [Fact]
        public async Task FileThatBecameShorterAfterTheBodyWasBuiltIsRefusedWithTheBytesSent()
        {
            RecordingUploadRequest request = Request("call.wav", length: 100_000);
            var content = new RecordingMultipartContent(request);
            using (var truncate = new FileStream(request.FilePath, FileMode.Open)) truncate.SetLength(90_000);

            RecordingFileChangedException changed = await FileChangeWhileSendingAsync(content);

            Assert.Equal($"The file '{request.FilePath}' became shorter while it was being sent (90000 of 100000 bytes). Upload it again once it is complete.", changed.Message);
        }

        [Fact]
        public void FileDeletedBeforeTheBodyIsBuiltFailsToBuildItSoNoHeaderIsSent()
        {
            RecordingUploadRequest request = Request("call.wav");
            File.Delete(request.FilePath);

            var e = Assert.Throws<FileNotFoundException>(() => new RecordingMultipartContent(request));

            Assert.Equal(request.FilePath, e.FileName);
        }

        [Fact]
        public async Task FileDeletedAfterTheBodyWasBuiltIsSentWholeFromTheFileOpenedThen()
        {
            // The body holds the file open from when it is built: what it sends is that file, whole, whatever
            // happens to the name afterwards.
            RecordingUploadRequest request = Request("call.wav", length: 100_000);
            byte[] bytes = File.ReadAllBytes(request.FilePath);
            var content = new RecordingMultipartContent(request);
            File.Delete(request.FilePath);

            var (parts, declared, actual) = await ParseAsync(content);

            Assert.Equal(bytes, parts[0].Body);
            Assert.Equal(declared, actual);
        }

        [Fact]
        public async Task FileDeletedBeforeTheBodyIsSentASecondTimeIsAFileChangeNamingTheFile()
        {
            RecordingUploadRequest request = Request("call.wav");
            var content = new RecordingMultipartContent(request);
            await content.CopyToAsync(new MemoryStream());
            File.Delete(request.FilePath);

            RecordingFileChangedException changed = await FileChangeWhileSendingAsync(content);

            Assert.StartsWith($"The file '{request.FilePath}' could not be opened to be sent: ", changed.Message);
            Assert.IsType<FileNotFoundException>(changed.InnerException);
        }

        /// <summary>A body sink that runs an action once, on the first write of audio bytes (the head is written first).</summary>
        private sealed class ActOnFirstAudioWrite : MemoryStream
        {
            private readonly Action _act;
            private int _writes;

            public ActOnFirstAudioWrite(Action act) => _act = act;

            public override Task WriteAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken)
            {
                if (++_writes == 2) _act();
                return base.WriteAsync(buffer, offset, count, cancellationToken);
            }
        }

        [Fact]
        public async Task FileRewrittenInPlaceAtTheSameLengthWhileItIsSentIsRefusedBeforeTheBodyEnds()
        {
            // Issue 18: overwritten in place, same length, during the upload: the bytes sent mix two versions. Its last
            // write time is set in the past first, so the rewrite changes it whatever the file system's resolution.
            RecordingUploadRequest request = Request("call.wav", length: 300_000);
            File.SetLastWriteTimeUtc(request.FilePath, new DateTime(2024, 1, 15, 12, 0, 0, DateTimeKind.Utc));
            var content = new RecordingMultipartContent(request);
            var sink = new ActOnFirstAudioWrite(() =>
            {
                using var rewrite = new FileStream(request.FilePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                rewrite.Write(new byte[300_000], 0, 300_000);
            });

            RecordingFileChangedException changed = await FileChangeWhileSendingAsync(content, sink);

            Assert.StartsWith($"The file '{request.FilePath}' was written to while it was being sent (last written 2024-01-15T12:00:00.0000000Z when the upload began, ", changed.Message);
            Assert.EndsWith("what was sent may mix two versions of it, so the upload was not completed. Upload it again once nothing writes to it.", changed.Message);
            Assert.Equal(300_000, new FileInfo(request.FilePath).Length);
            // Every audio byte went, but not the closing boundary: no server can take it for a whole request.
            string body = Encoding.UTF8.GetString(sink.ToArray());
            Assert.DoesNotContain("name=\"teammate_email\"", body);
            Assert.False(body.TrimEnd().EndsWith("--", StringComparison.Ordinal));
        }

        [Fact]
        public async Task FileLeftAloneWhileItIsSentEndsWithTheClosingBoundary()
        {
            // The counterpart of the rewrite: the same body, nothing writes to the file, the body is whole.
            RecordingUploadRequest request = Request("call.wav", length: 300_000);
            File.SetLastWriteTimeUtc(request.FilePath, new DateTime(2024, 1, 15, 12, 0, 0, DateTimeKind.Utc));
            var content = new RecordingMultipartContent(request);
            var sink = new ActOnFirstAudioWrite(() => File.ReadAllBytes(request.FilePath));

            await content.CopyToAsync(sink);

            Assert.EndsWith("--\r\n", Encoding.UTF8.GetString(sink.ToArray()));
        }

        [Security.UnixFact]
        public async Task BodyThroughASymbolicLinkCarriesTheFileItLeadsToWithItsLength()
        {
            // Issue 18: the link's own length (its target's path, a few dozen bytes) was sent, then FileChanged.
            RecordingUploadRequest target = Request("call.wav", length: 20_000);
            string link = Path.Combine(_files.Folder, "link.wav");
            File.CreateSymbolicLink(link, target.FilePath);
            var request = new RecordingUploadRequest(link, target.Teammate, target.RecordedAt, target.Contacts);
            var content = new RecordingMultipartContent(request);

            var (parts, declared, actual) = await ParseAsync(content);

            Assert.Equal(20_000, content.AudioLength);
            Assert.Equal("link.wav", parts[0].FileName);
            Assert.Equal(File.ReadAllBytes(target.FilePath), parts[0].Body);
            Assert.Equal(declared, actual);
        }

        private sealed class RecordedProgress : IProgress<long>
        {
            public List<long> Values { get; } = new List<long>();

            public void Report(long value) => Values.Add(value);
        }

        [Fact]
        public async Task ProgressReportsTheAudioBytesSentAfterEachChunk()
        {
            var progress = new RecordedProgress();
            var content = new RecordingMultipartContent(Request("call.wav", length: 200_000), progress);

            await content.CopyToAsync(new MemoryStream());

            Assert.Equal(new long[] { 81920, 163840, 200000 }, progress.Values);
        }

        /// <summary>Completes every write at once and notes the thread it was made on.</summary>
        private sealed class ThreadNotingSink : MemoryStream
        {
            public List<int> Threads { get; } = new List<int>();

            public override void Write(byte[] buffer, int offset, int count)
            {
                Threads.Add(Environment.CurrentManagedThreadId);
                base.Write(buffer, offset, count);
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken)
            {
                Write(buffer, offset, count);
                return Task.CompletedTask;
            }

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, System.Threading.CancellationToken cancellationToken = default)
            {
                Threads.Add(Environment.CurrentManagedThreadId);
                base.Write(buffer.Span);
                return default;
            }
        }

        [Fact]
        public async Task OffWindowsTheAudioIsReadOnTheThreadThatRunsTheCopyNotHandedToThePool()
        {
            if (OperatingSystem.IsWindows()) return;
            var content = new RecordingMultipartContent(Request("call.wav", length: 5 * 81920));
            var sink = new ThreadNotingSink();
            int caller = 0;
            // A thread of its own that waits for the copy: a hop to the pool could not come back to it.
            var thread = new System.Threading.Thread(() =>
            {
                caller = Environment.CurrentManagedThreadId;
                content.CopyToAsync(sink).GetAwaiter().GetResult();
            });

            thread.Start();
            await Task.Run(thread.Join);

            // Head, five chunks, tail: with a sink that never waits, the whole body is written before the copy returns.
            Assert.Equal(7, sink.Threads.Count);
            Assert.All(sink.Threads, t => Assert.Equal(caller, t));
        }
    }
}
