using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// AlpharunClient.Timeout bounds a stretch without progress, not an attempt: a body that keeps flowing, however
    /// slowly, is never cut off. The "link" here takes each chunk only after a pause, for far longer in all than
    /// the timeout, with every pause well inside it.
    /// </summary>
    public class SlowLinkTests : IDisposable
    {
        private static readonly Guid Id = Guid.Parse("0b8c4f5e-1111-4a2b-9c3d-444455556666");
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        /// <summary>A server that reads the body one write at a time, pausing before each, then answers 201.</summary>
        private sealed class SlowReadingHandler : HttpMessageHandler
        {
            private readonly TimeSpan _pause;

            public SlowReadingHandler(TimeSpan pause) => _pause = pause;

            public long BytesRead => Interlocked.Read(ref _bytesRead);

            /// <summary>The size of every write the client made, in order.</summary>
            public ConcurrentQueue<int> Writes { get; } = new ConcurrentQueue<int>();

            private long _bytesRead;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                await request.Content!.CopyToAsync(new SlowSink(this), cancellationToken);
                return new HttpResponseMessage(HttpStatusCode.Created)
                {
                    Content = new StringContent("{\"data\":{\"recording\":{\"id\":\"" + Id.ToString("D") + "\"}}}", Encoding.UTF8, "application/json"),
                };
            }

            private sealed class SlowSink : Stream
            {
                private readonly SlowReadingHandler _owner;

                public SlowSink(SlowReadingHandler owner) => _owner = owner;

                public override bool CanRead => false;
                public override bool CanSeek => false;
                public override bool CanWrite => true;
                public override long Length => throw new NotSupportedException();
                public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
                public override void Flush() { }
                public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
                public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
                public override void SetLength(long value) => throw new NotSupportedException();
                public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the client writes asynchronously");

                public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
                {
                    // The link's pace: the test's subject, not a synchronisation.
                    await Task.Delay(_owner._pause, cancellationToken);
                    _owner.Writes.Enqueue(count);
                    Interlocked.Add(ref _owner._bytesRead, count);
                }

                public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
                {
                    await Task.Delay(_owner._pause, cancellationToken); // the link's pace, as above
                    _owner.Writes.Enqueue(buffer.Length);
                    Interlocked.Add(ref _owner._bytesRead, buffer.Length);
                }
            }
        }

        [Fact]
        public Task ABodyThatKeepsFlowingOnASlowLinkOutlastsTheTimeoutAndSucceeds() =>
            // 24 chunks of 80 KiB, one every 150 ms: about 3.6 s of sending against a 2 s timeout. Each pause is far
            // inside the timeout, so a loaded machine's late timers do not cut a flowing body off.
            AssertAFlowingBodyOutlastsTheTimeout("slow-link.wav", chunks: 24, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(2));

        [Fact]
        public Task ABodyWhoseChunksComeFasterThanTheReportIntervalStillKeepsTheWatchdogAwayPastTheTimeout() =>
            // Progress (and with it the watchdog's restart) is reported at most every 50 ms: chunks every 20 ms are
            // reported every few chunks, never left unreported for long. 100 chunks: 2 s and more against a 1 s timeout.
            AssertAFlowingBodyOutlastsTheTimeout("fast-chunks.wav", chunks: 100, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1));

        private async Task AssertAFlowingBodyOutlastsTheTimeout(string name, int chunks, TimeSpan pause, TimeSpan timeout)
        {
            int length = chunks * 81920;
            string path = _files.Create(name, length);
            var handler = new SlowReadingHandler(pause);
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k"), new Uri("https://api.example.test/api/v1/")), null, handler)
            {
                Timeout = timeout,
                RetryPolicy = new RetryPolicy(0),
            };
            var request = new RecordingUploadRequest(path, "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "bob@client.com") });
            var clock = System.Diagnostics.Stopwatch.StartNew();

            RecordingUpload upload = await client.UploadRecordingAsync(request);

            clock.Stop();
            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Equal(Id, upload.RecordingId);
            Assert.Equal(1, upload.Attempts);
            Assert.True(handler.BytesRead > length, $"the server read {handler.BytesRead} bytes");
            Assert.True(clock.Elapsed > client.Timeout, $"the upload took {clock.Elapsed.TotalMilliseconds:0} ms, not longer than the timeout");
        }

        [Fact]
        public async Task UnderATimeoutShorterThanHalfASecondProgressComesEveryTenthOfIt()
        {
            // A 200 ms timeout: progress (and the watchdog's restart) may wait a tenth of it, 20 ms, not the usual
            // 50 ms, so chunks 30 ms apart are each reported; at 50 ms every other one would be skipped. A late timer
            // only makes a gap longer, never shorter, so load cannot hide a chunk; but a stall of 200 ms on a loaded
            // machine is a real timeout, and that attempt is retried: the attempt that got through must have
            // reported every chunk.
            const int chunks = 10;
            string path = _files.Create("short-timeout.wav", chunks * 81920);
            var handler = new SlowReadingHandler(TimeSpan.FromMilliseconds(30));
            var observer = new SentRecorder();
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k"), new Uri("https://api.example.test/api/v1/")), null, handler)
            {
                Timeout = TimeSpan.FromMilliseconds(200),
                RetryPolicy = new RetryPolicy(5, baseDelay: TimeSpan.FromMilliseconds(10)),
            };
            var request = new RecordingUploadRequest(path, "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "bob@client.com") });

            RecordingUpload upload = await client.UploadRecordingAsync(request, observer);

            Assert.Equal(RecordingUploadStatus.Created, upload.Status);
            Assert.Equal(upload.Attempts - 1, observer.Retries);
            Assert.Equal(Enumerable.Range(1, chunks).Select(i => i * 81920L), observer.SentInLastAttempt);
        }

        /// <summary>What the client reported: the bytes sent in its last attempt (a retry starts them again), and how often it retried.</summary>
        private sealed class SentRecorder : IUploadObserver
        {
            private readonly object _gate = new object();
            private List<long> _sent = new List<long>();

            public int Retries { get; private set; }

            public long[] SentInLastAttempt
            {
                get { lock (_gate) return _sent.ToArray(); }
            }

            public void BytesSent(RecordingUploadRequest request, long sent, long total)
            {
                lock (_gate) _sent.Add(sent);
            }

            public void Retrying(UploadRetry retry)
            {
                lock (_gate)
                {
                    _sent = new List<long>();
                    Retries++;
                }
            }
        }

        [Fact]
        public async Task TheAudioGoesOutIn80KiBChunksBetweenTheHeadAndTheTail()
        {
            const int length = 2 * 81920 + 1000;
            string path = _files.Create("chunks.wav", length);
            var handler = new SlowReadingHandler(TimeSpan.Zero);
            using var client = new AlpharunClient(new AlpharunConnection(ApiKey.FromPlainText("k"), new Uri("https://api.example.test/api/v1/")), null, handler);
            var request = new RecordingUploadRequest(path, "ana@acme.com", DateTimeOffset.Now.AddHours(-1), new[] { new Contact(email: "bob@client.com") });

            await client.UploadRecordingAsync(request);

            int[] writes = handler.Writes.ToArray();
            Assert.Equal(5, writes.Length);
            Assert.Equal(new[] { 81920, 81920, 1000 }, writes.Skip(1).Take(3));
            Assert.Equal(handler.BytesRead, writes.Sum());
        }
    }
}
