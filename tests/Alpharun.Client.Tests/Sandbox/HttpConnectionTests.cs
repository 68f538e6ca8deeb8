using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>The sandbox's connection: buffered reads, line reading and its limits, writes, closing, resetting, the idle watchdog.</summary>
    public sealed class HttpConnectionTests
    {
        private const string TooLong = "The line is too long.";

        private static Task<string?> ReadLineAsync(LoopbackPair pair, int maxLength = 100) => pair.Connection.ReadLineAsync(maxLength, 431, TooLong);

        [Fact]
        public async Task ReadCopiesAtTheOffsetAtMostCountAndKeepsTheRest()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("abcdef");
            byte[] buffer = new byte[10];

            int zero = await pair.Connection.ReadAsync(buffer, 0, 0);
            int first = await pair.Connection.ReadAsync(buffer, 2, 3);
            string firstText = Encoding.ASCII.GetString(buffer, 2, 3);
            int second = await pair.Connection.ReadAsync(buffer, 0, 10);
            int end = await pair.Connection.ReadAsync(buffer, 0, 10);

            Assert.Equal(0, zero);
            Assert.Equal(3, first);
            Assert.Equal("abc", firstText);
            Assert.Equal(3, second);
            Assert.Equal("def", Encoding.ASCII.GetString(buffer, 0, 3));
            Assert.Equal(0, end);
        }

        [Fact]
        public async Task LargeReadsGetEveryByteInOrder()
        {
            byte[] data = Enumerable.Range(0, 50_000).Select(i => (byte)(i * 7)).ToArray();
            using LoopbackPair pair = await LoopbackPair.OpenAsync();
            Task sending = pair.SendAsync(data).ContinueWith(_ => pair.EndInput());
            using var received = new MemoryStream();
            byte[] buffer = new byte[20_000];

            // A short read first, so that both the buffered path and the direct one are taken.
            int n = await pair.Connection.ReadAsync(buffer, 0, 5);
            received.Write(buffer, 0, n);
            while ((n = await pair.Connection.ReadAsync(buffer, 0, buffer.Length)) > 0) received.Write(buffer, 0, n);
            await sending;

            Assert.Equal(data, received.ToArray());
        }

        [Theory]
        [InlineData("one\r\ntwo\r\n", new[] { "one", "two" })]
        [InlineData("one\ntwo\n", new[] { "one", "two" })]
        [InlineData("\r\n\n", new[] { "", "" })]
        [InlineData("\nnext\n", new[] { "", "next" })]
        [InlineData("a\r\r\n", new[] { "a\r" })]
        [InlineData("a\rb\n", new[] { "a\rb" })]
        [InlineData("\r\r\n", new[] { "\r" })]
        [InlineData("caf\u00e9 \u00ff\r\n", new[] { "caf\u00e9 \u00ff" })]
        public async Task LinesEndAtLineFeedWithoutOneCarriageReturn(string input, string[] lines)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input);

            foreach (string line in lines) Assert.Equal(line, await ReadLineAsync(pair));
            Assert.Null(await ReadLineAsync(pair));
        }

        [Fact]
        public async Task LineCutShortByTheEndOfTheStreamIsRefused()
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync("one\r\ntw");

            Assert.Equal("one", await ReadLineAsync(pair));
            HttpProtocolException e = await Assert.ThrowsAsync<HttpProtocolException>(() => ReadLineAsync(pair));

            Assert.Equal(400, e.StatusCode);
            Assert.Equal("The request ended in the middle of a line.", e.Message);
        }

        [Theory]
        [InlineData("abcde\r\n")]
        [InlineData("abcde\n")]
        public async Task LineOfExactlyTheLimitIsRead(string input)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input + "next\n");

            Assert.Equal("abcde", await ReadLineAsync(pair, maxLength: 5));
            Assert.Equal("next", await ReadLineAsync(pair, maxLength: 5));
        }

        [Theory]
        [InlineData("abcdef\r\n")]
        [InlineData("abcdef\n")]
        [InlineData("abcde\r\r\n")]
        [InlineData("abcdefghijklmnop")]
        public async Task LineOverTheLimitIsRefusedWithTheCallersStatus(string input)
        {
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(input);

            HttpProtocolException e = await Assert.ThrowsAsync<HttpProtocolException>(() => ReadLineAsync(pair, maxLength: 5));

            Assert.Equal(431, e.StatusCode);
            Assert.Equal(TooLong, e.Message);
        }

        [Fact]
        public async Task LineLongerThanTheBufferIsJoinedAcrossReads()
        {
            string longLine = new string('x', 40_000);
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(longLine + "\r\nnext\r\n");

            Assert.Equal(longLine, await ReadLineAsync(pair, maxLength: 40_000));
            Assert.Equal("next", await ReadLineAsync(pair));
        }

        [Fact]
        public async Task LineOverTheLimitIsRefusedBeforeItsEndArrives()
        {
            // No line feed and no end of stream: only the running check can refuse it.
            using LoopbackPair pair = await LoopbackPair.WithInputAsync(new string('x', 40_000), end: false);

            HttpProtocolException e = await Assert.ThrowsAsync<HttpProtocolException>(() => LoopbackPair.WithinDeadline(ReadLineAsync(pair, maxLength: 30_000)));

            Assert.Equal(431, e.StatusCode);
        }

        [Fact]
        public async Task WriteSendsTheBytesAsGiven()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync();
            byte[] bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

            await pair.Connection.WriteAsync(bytes);
            pair.Connection.Abort();

            Assert.Equal(bytes, await pair.ReceiveToEndAsync());
        }

        [Fact]
        public async Task AbortClosesTheSocketAndMayBeRepeated()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync();

            pair.Connection.Abort();
            pair.Connection.Abort();

            Assert.Equal(0, await pair.PeerReadAsync(new byte[1]));
            Exception e = await Assert.ThrowsAnyAsync<Exception>(() => pair.Connection.ReadAsync(new byte[1], 0, 1));
            Assert.True(HttpConnection.IsConnectionFailure(e), e.ToString());
        }

        [Fact]
        public async Task DisposeClosesTheSocket()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync();

            pair.Connection.Dispose();

            Assert.Equal(0, await pair.PeerReadAsync(new byte[1]));
        }

        [Fact]
        public async Task ResetMakesThePeerSeeConnectionReset()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync();

            pair.Connection.Reset();

            IOException e = await Assert.ThrowsAsync<IOException>(() => pair.PeerReadAsync(new byte[1]));
            Assert.Equal(SocketError.ConnectionReset, Assert.IsType<SocketException>(e.InnerException).SocketErrorCode);
        }

        [Fact]
        public async Task ResetAfterAbortKeepsTheCleanClose()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync();

            pair.Connection.Abort();
            pair.Connection.Reset();

            Assert.Equal(0, await pair.PeerReadAsync(new byte[1]));
        }

        [Fact]
        public async Task IdleReadIsAbortedByTheWatchdog()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync(TimeSpan.FromMilliseconds(200));

            Exception e = await Assert.ThrowsAnyAsync<Exception>(() => LoopbackPair.WithinDeadline(ReadLineAsync(pair)));

            Assert.True(HttpConnection.IsConnectionFailure(e), e.ToString());
            Assert.Equal(0, await pair.PeerReadAsync(new byte[1]));
        }

        [Fact]
        public async Task GracefulCloseEndsOurSideAndWaitsForThePeerToFinish()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync();

            Task closing = pair.Connection.CloseGracefullyAsync();
            int atEnd = await pair.PeerReadAsync(new byte[1]);
            await pair.SendAsync(new byte[100_000]);
            bool closedBeforePeer = closing.IsCompleted;
            pair.EndInput();
            await LoopbackPair.WithinDeadline(closing);

            Assert.Equal(0, atEnd);
            Assert.False(closedBeforePeer);
            Exception e = await Assert.ThrowsAnyAsync<Exception>(() => pair.Connection.ReadAsync(new byte[1], 0, 1));
            Assert.True(HttpConnection.IsConnectionFailure(e), e.ToString());
        }

        [Fact]
        public async Task GracefulCloseWaitsNoLongerThanAShortIdleTimeout()
        {
            using LoopbackPair pair = await LoopbackPair.OpenAsync(TimeSpan.FromMilliseconds(300));
            var elapsed = Stopwatch.StartNew();

            await LoopbackPair.WithinDeadline(pair.Connection.CloseGracefullyAsync());

            // The linger's own idle limit is 5 s; the connection's shorter timeout must win.
            Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(4), elapsed.Elapsed.ToString());
        }

        [Theory]
        [InlineData(typeof(IOException), true)]
        [InlineData(typeof(SocketException), true)]
        [InlineData(typeof(ObjectDisposedException), true)]
        [InlineData(typeof(OperationCanceledException), true)]
        [InlineData(typeof(TaskCanceledException), true)]
        [InlineData(typeof(InvalidOperationException), false)]
        [InlineData(typeof(HttpProtocolException), false)]
        [InlineData(typeof(Exception), false)]
        public void ConnectionFailuresAreTheIoSocketDisposedAndCancelledOnes(Type type, bool expected)
        {
            Exception e = type == typeof(ObjectDisposedException) ? new ObjectDisposedException("x")
                : type == typeof(HttpProtocolException) ? new HttpProtocolException(400, "x")
                : (Exception)Activator.CreateInstance(type)!;

            Assert.Equal(expected, HttpConnection.IsConnectionFailure(e));
        }
    }
}
