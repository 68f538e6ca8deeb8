using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Alpharun.Tests.Sandbox;
using Xunit;

namespace Alpharun.Tests.Security
{
    /// <summary>
    /// The sandbox under hostile clients on raw sockets. Each malformed request gets a 4xx and leaves no recording,
    /// and while slow, huge, idle or broken requests are in progress other clients keep getting 201 promptly.
    /// Covered elsewhere and not repeated here: malformed heads, framing and chunks, 431s, idle timeout and bodies
    /// cut short (Sandbox/SandboxProtocolTests), non-multipart and other-boundary bodies and the 1 MiB text part
    /// (Sandbox/SandboxValidationTests), the reader's own malformed bodies (Sandbox/MultipartFormReaderTests).
    /// </summary>
    public sealed class SandboxHostilityTests : IDisposable
    {
        private const string Boundary = "hostile-boundary";
        private const long TwoGiB = 2L * 1024 * 1024 * 1024;
        private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(2);

        private readonly SandboxServer _server = SandboxTestKit.StartServer();
        private long _flooded;
        private int _hostileConnected;

        public void Dispose() => _server.Dispose();

        [Fact]
        public async Task SlowHugeIdleAndBrokenClientsDoNotDelayOthersAndEachGetsA4xx()
        {
            using var release = new CancellationTokenSource();
            var hostile = new List<Task<int>>();
            for (int i = 0; i < 8; i++) hostile.Add(SlowlorisHeadAsync(release.Token));
            for (int i = 0; i < 3; i++) hostile.Add(SlowBodyAsync(release.Token));
            for (int i = 0; i < 2; i++) hostile.Add(DeclaresTwoGiBSendsLittleAsync(release.Token));
            hostile.Add(DeclaresTwoGiBStreamsALotAsync(release.Token));
            hostile.Add(StreamsAHugeContactsPartAsync(release.Token));
            for (int i = 0; i < 8; i++) hostile.Add(IdleThenGarbageAsync(release.Token));
            // The load is in place: all 23 hostile clients connected, and the seven with a whole head and a key are
            // inside the upload endpoint.
            await Poll.UntilAsync(() => Volatile.Read(ref _hostileConnected) == hostile.Count && _server.UploadRequestCount == 7, "every hostile client was connected and the seven keyed ones were in");

            // Meanwhile, ordinary uploads: one every 200 ms for about 4 seconds.
            var slowest = TimeSpan.Zero;
            var statuses = new List<int>();
            for (int i = 0; i < 20; i++)
            {
                var clock = Stopwatch.StartNew();
                ApiAnswer answer = await SandboxTestKit.PostAsync(_server, FormBuilder.Upload(fileName: $"normal-{i:00}.wav", audio: FormBuilder.Audio(4096, 1000 + i)).ToContent());
                clock.Stop();
                statuses.Add(answer.Status);
                if (clock.Elapsed > slowest) slowest = clock.Elapsed;
                await Task.Delay(200); // the pace of the ordinary uploads: the load lasts about 4 s, the condition under test
            }
            release.Cancel();
            int[] hostileStatuses = await WithinAsync(Task.WhenAll(hostile), TimeSpan.FromSeconds(15));

            Assert.All(statuses, s => Assert.Equal(201, s));
            Assert.True(slowest < Prompt, $"the slowest ordinary upload took {slowest.TotalMilliseconds:0} ms");
            Assert.Equal(
                new[] { 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 413, 400, 400, 400, 400, 400, 400, 400, 400 },
                hostileStatuses);
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"normal-{i:00}.wav"), _server.GetRecordings().Select(r => r.FileName).OrderBy(n => n, StringComparer.Ordinal));
            // The load was real: the flood pushed tens of MiB through the sandbox meanwhile, and the seven hostile
            // requests with a head and a key (slow bodies, 2 GiB ones, flood, contacts) were inside the upload endpoint.
            Assert.True(Interlocked.Read(ref _flooded) >= 32L * 1024 * 1024, $"only {Interlocked.Read(ref _flooded)} bytes flooded");
            Assert.Equal(20 + 7, _server.UploadRequestCount);
        }

        [Theory]
        [InlineData("multipart/form-data; boundary=0123456789012345678901234567890123456789012345678901234567890123456789X", "The multipart boundary is invalid: it must be 1 to 70 printable ASCII characters, not ending in a space.")]
        [InlineData("multipart/form-data; boundary=\"bad\u0001boundary\"", "The multipart boundary is invalid: it must be 1 to 70 printable ASCII characters, not ending in a space.")]
        [InlineData("multipart/form-data; boundary=grenz\u00e9", "The multipart boundary is invalid: it must be 1 to 70 printable ASCII characters, not ending in a space.")]
        [InlineData("multipart/form-data; boundary=\"\"", "The multipart/form-data Content-Type has no boundary parameter.")]
        [InlineData("multipart/form-data; boundary=hostile", "A boundary delimiter '--hostile' is followed by other text on its line. Check that the boundary does not occur inside a part.")]
        public async Task BadBoundaryGets400AndNothingIsRecorded(string contentType, string message)
        {
            byte[] body = Form().Build();

            RawResponse response = await PostRawAsync(new[] { "Content-Type: " + contentType, $"Content-Length: {body.Length}" }, body, latin1: true);

            Assert.Equal(400, response.Status);
            Assert.Equal(message, response.ToAnswer().Message);
            await AssertNothingRecordedAndAnUploadStillWorksAsync();
        }

        [Fact]
        public async Task BoundaryInsideTheAudioFollowedByOtherTextGets400()
        {
            byte[] audio = Encoding.ASCII.GetBytes("RIFF....WAVE\r\n--" + Boundary + "Xinjected\r\nmore audio");
            byte[] body = Form(audio).Build();

            RawResponse response = await PostRawAsync(new[] { "Content-Type: multipart/form-data; boundary=" + Boundary, $"Content-Length: {body.Length}" }, body);

            Assert.Equal(400, response.Status);
            Assert.Equal($"A boundary delimiter '--{Boundary}' is followed by other text on its line. Check that the boundary does not occur inside a part.", response.ToAnswer().Message);
            await AssertNothingRecordedAndAnUploadStillWorksAsync();
        }

        [Fact]
        public async Task BodyThatIsOnlyTheClosingDelimiterGets422NamingTheMissingParts()
        {
            byte[] body = Encoding.ASCII.GetBytes("--" + Boundary + "--\r\n");

            RawResponse response = await PostRawAsync(new[] { "Content-Type: multipart/form-data; boundary=" + Boundary, $"Content-Length: {body.Length}" }, body);

            Assert.Equal(422, response.Status);
            Assert.Equal("audio", response.ToAnswer().Field);
            await AssertNothingRecordedAndAnUploadStillWorksAsync();
        }

        [Fact]
        public async Task BodyEndingInAHalfClosingDelimiterGets400()
        {
            byte[] full = Form().Build();
            byte[] body = full.Take(full.Length - 3).ToArray(); // "...--hostile-boundary-" without the last '-' and CRLF

            RawResponse response = await PostRawAsync(new[] { "Content-Type: multipart/form-data; boundary=" + Boundary, $"Content-Length: {body.Length}" }, body);

            Assert.Equal(400, response.Status);
            await AssertNothingRecordedAndAnUploadStillWorksAsync();
        }

        [Fact]
        public async Task DeclaredTwoGiBBodyThatStopsEarlyGets400OnceTheClientCloses()
        {
            byte[] sent = Form().Build(close: false);
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: multipart/form-data; boundary=" + Boundary, $"Content-Length: {TwoGiB}" }));
            await connection.SendAsync(sent);
            connection.ShutdownSend();
            RawResponse response = await connection.ReadResponseAsync();

            Assert.Equal(400, response.Status);
            Assert.Equal($"The request body ended after {sent.Length} of the {TwoGiB} bytes its Content-Length announced.", response.ToAnswer().Message);
            await AssertNothingRecordedAndAnUploadStillWorksAsync();
        }

        [Theory]
        [InlineData("Content-Length: 99999999999999999999", 400, "The Content-Length '99999999999999999999' is not a number of bytes.")]
        [InlineData("Content-Length: -1", 400, "The Content-Length '-1' is not a number of bytes.")]
        [InlineData("Content-Length: 5368709120", 413, "The request body is 5368709120 bytes; the sandbox accepts at most 4294967296.")]
        public async Task ImpossibleContentLengthIsRefusedBeforeAnyBodyIsRead(string header, int status, string message)
        {
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: multipart/form-data; boundary=" + Boundary, header }));
            RawResponse response = await WithinAsync(connection.ReadResponseAsync(), Prompt);

            Assert.Equal(status, response.Status);
            Assert.Equal(message, response.ToAnswer().Message);
            await AssertNothingRecordedAndAnUploadStillWorksAsync();
        }

        [Theory]
        [InlineData("FFFFFFFFFFFFFFF", 413, "The request body is larger than the 4294967296 bytes the sandbox accepts.")]
        [InlineData("FFFFFFFFFFFFFFFF", 400, "'FFFFFFFFFFFFFFFF' is not a chunk size line.")]
        public async Task ChunkDeclaringAnImpossibleSizeIsRefusedBeforeItsDataIsRead(string size, int status, string message)
        {
            byte[] start = Encoding.ASCII.GetBytes("--" + Boundary + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"c.wav\"\r\n\r\n");
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);

            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: multipart/form-data; boundary=" + Boundary, "Transfer-Encoding: chunked" }));
            await connection.SendAsync($"{start.Length:x}\r\n");
            await connection.SendAsync(start);
            await connection.SendAsync($"\r\n{size}\r\n");
            RawResponse response = await WithinAsync(connection.ReadResponseAsync(), Prompt);

            Assert.Equal(status, response.Status);
            Assert.Equal(message, response.ToAnswer().Message);
            await AssertNothingRecordedAndAnUploadStillWorksAsync();
        }

        [Fact]
        public async Task PartContentLengthHeaderIsIgnoredTheDelimiterDecides()
        {
            byte[] audio = FormBuilder.Audio(3000, 9);
            var form = new FormBuilder(Boundary)
                .Part("Content-Disposition: form-data; name=\"audio\"; filename=\"call.wav\"\r\nContent-Type: audio/wav\r\nContent-Length: 2147483648\r\n", audio)
                .Field("teammate_email", FormBuilder.DefaultTeammate)
                .Field("recorded_at", FormBuilder.DefaultRecordedAt)
                .Field("contacts", FormBuilder.DefaultContacts, "application/json");
            byte[] body = form.Build();

            RawResponse response = await PostRawAsync(new[] { "Content-Type: " + form.ContentType, $"Content-Length: {body.Length}" }, body);

            Assert.Equal(201, response.Status);
            SandboxRecording recording = Assert.Single(_server.GetRecordings());
            Assert.Equal(3000, recording.Size);
            Assert.Equal(SandboxUploadTests.Sha256Hex(audio), recording.Sha256);
        }

        // --- hostile clients of the concurrency test; each returns the status it finally got ---

        // Trickles its request line one byte a second, then ends its head with a malformed line.
        private async Task<int> SlowlorisHeadAsync(CancellationToken release)
        {
            using RawHttpConnection connection = await OpenHostileAsync();
            string head = $"POST {SandboxServer.UploadPath} HTTP/1.1\r\nHost: 127.0.0.1\r\n";
            int sent = 0;
            while (!release.IsCancellationRequested && sent < head.Length - 1)
            {
                await connection.SendAsync(head.Substring(sent++, 1));
                await DelayAsync(TimeSpan.FromSeconds(1), release);
            }
            await connection.SendAsync(head.Substring(sent) + "No colon here\r\n\r\n");
            return (await connection.ReadResponseAsync()).Status;
        }

        // A valid head, then a body trickled one byte a second; closes early.
        private async Task<int> SlowBodyAsync(CancellationToken release)
        {
            byte[] body = Form().Build();
            using RawHttpConnection connection = await OpenHostileAsync();
            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: multipart/form-data; boundary=" + Boundary, $"Content-Length: {body.Length}" }));
            for (int i = 0; !release.IsCancellationRequested && i < body.Length - 1; i++)
            {
                await connection.SendAsync(new[] { body[i] });
                await DelayAsync(TimeSpan.FromSeconds(1), release);
            }
            connection.ShutdownSend();
            return (await connection.ReadResponseAsync()).Status;
        }

        private async Task<int> DeclaresTwoGiBSendsLittleAsync(CancellationToken release)
        {
            using RawHttpConnection connection = await OpenHostileAsync();
            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: multipart/form-data; boundary=" + Boundary, $"Content-Length: {TwoGiB}" }));
            await connection.SendAsync(Form().Build(close: false).Take(500).ToArray());
            await DelayAsync(Timeout.InfiniteTimeSpan, release);
            connection.ShutdownSend();
            return (await connection.ReadResponseAsync()).Status;
        }

        // Declares 2 GiB and streams up to 256 MiB of audio as fast as the sandbox takes it, then stops.
        private async Task<int> DeclaresTwoGiBStreamsALotAsync(CancellationToken release)
        {
            using RawHttpConnection connection = await OpenHostileAsync();
            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: multipart/form-data; boundary=" + Boundary, $"Content-Length: {TwoGiB}" }));
            await connection.SendAsync("--" + Boundary + "\r\nContent-Disposition: form-data; name=\"audio\"; filename=\"flood.wav\"\r\nContent-Type: audio/wav\r\n\r\n");
            byte[] chunk = FormBuilder.Audio(64 * 1024, 77);
            while (!release.IsCancellationRequested && Interlocked.Read(ref _flooded) < 256L * 1024 * 1024)
            {
                await connection.SendAsync(chunk);
                Interlocked.Add(ref _flooded, chunk.Length);
            }
            await DelayAsync(Timeout.InfiniteTimeSpan, release);
            connection.ShutdownSend();
            return (await connection.ReadResponseAsync()).Status;
        }

        // Streams a contacts part with no end: the sandbox answers 413 past 1 MiB while the client is still sending.
        private async Task<int> StreamsAHugeContactsPartAsync(CancellationToken release)
        {
            using RawHttpConnection connection = await OpenHostileAsync();
            await connection.SendAsync(RawHttpConnection.Head(_server, new[] { "Content-Type: multipart/form-data; boundary=" + Boundary, $"Content-Length: {TwoGiB}" }));
            await connection.SendAsync("--" + Boundary + "\r\nContent-Disposition: form-data; name=\"contacts\"\r\nContent-Type: application/json\r\n\r\n[");
            Task<RawResponse> answer = connection.ReadResponseAsync();
            byte[] chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"email\":\"flood@client.com\"},", 2000)));
            try
            {
                for (long sent = 0; !answer.IsCompleted && sent < 64L * 1024 * 1024; sent += chunk.Length) await connection.SendAsync(chunk);
            }
            catch (IOException)
            {
                // The sandbox may close once it has answered.
            }
            return (await answer).Status;
        }

        // Connects and says nothing until released, then sends garbage.
        private async Task<int> IdleThenGarbageAsync(CancellationToken release)
        {
            using RawHttpConnection connection = await OpenHostileAsync();
            await DelayAsync(Timeout.InfiniteTimeSpan, release);
            await connection.SendAsync("GARBAGE\r\n\r\n");
            return (await connection.ReadResponseAsync()).Status;
        }

        // --- helpers ---

        private static FormBuilder Form(byte[]? audio = null)
        {
            var form = new FormBuilder(Boundary);
            form.File("audio", "hostile.wav", audio ?? FormBuilder.Audio(2048, 5));
            form.Field("teammate_email", FormBuilder.DefaultTeammate);
            form.Field("recorded_at", FormBuilder.DefaultRecordedAt);
            form.Field("contacts", FormBuilder.DefaultContacts, "application/json");
            return form;
        }

        private async Task<RawResponse> PostRawAsync(IEnumerable<string> headers, byte[] body, bool latin1 = false)
        {
            using RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);
            string head = RawHttpConnection.Head(_server, headers);
            // Header bytes as a hostile client writes them: one byte per char, control and 8-bit bytes included.
            await connection.SendAsync(latin1 ? Encoding.Latin1.GetBytes(head) : Encoding.ASCII.GetBytes(head));
            await connection.SendAsync(body);
            return await WithinAsync(connection.ReadResponseAsync(), Prompt);
        }

        private async Task AssertNothingRecordedAndAnUploadStillWorksAsync()
        {
            Assert.Empty(_server.GetRecordings());
            ApiAnswer next = await SandboxTestKit.PostAsync(_server, FormBuilder.Upload(fileName: "after.wav").ToContent());
            Assert.Equal(201, next.Status);
            Assert.Equal("after.wav", Assert.Single(_server.GetRecordings()).FileName);
        }

        private async Task<RawHttpConnection> OpenHostileAsync()
        {
            RawHttpConnection connection = await RawHttpConnection.OpenAsync(_server.Port);
            Interlocked.Increment(ref _hostileConnected);
            return connection;
        }

        // A hostile client's pace (a byte a second, an idle wait), the condition under test; cut short by the release.
        private static async Task DelayAsync(TimeSpan delay, CancellationToken release)
        {
            try
            {
                await Task.Delay(delay, release);
            }
            catch (OperationCanceledException)
            {
                // Released.
            }
        }

        // A deadline: the task, or a timeout failure after limit.
        private static async Task<T> WithinAsync<T>(Task<T> task, TimeSpan limit)
        {
            if (await Task.WhenAny(task, Task.Delay(limit)) != task) throw new TimeoutException($"No answer within {limit.TotalSeconds:0.#} s.");
            return await task;
        }
    }
}
