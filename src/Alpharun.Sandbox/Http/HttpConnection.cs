using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// One accepted TCP connection: buffered reads (a keep-alive connection's next request may already sit in the
    /// buffer), writes, and an idle watchdog. NetworkStream on .NET Framework ignores cancellation tokens, so the
    /// watchdog closes the socket instead, which fails whatever read or write is stuck.
    /// </summary>
    internal sealed class HttpConnection : IDisposable
    {
        private const int BufferSize = 16 * 1024;
        private static readonly TimeSpan LingerLimit = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan LingerIdle = TimeSpan.FromSeconds(5);

        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly TimeSpan _idleTimeout;
        private readonly CancellationTokenSource _watchdog = new CancellationTokenSource();
        private readonly byte[] _buffer = new byte[BufferSize];
        private int _start;
        private int _end;
        private int _aborted;

        public HttpConnection(TcpClient client, TimeSpan idleTimeout)
        {
            _client = client;
            _client.NoDelay = true;
            _stream = client.GetStream();
            _idleTimeout = idleTimeout;
            _watchdog.Token.Register(Abort);
        }

        /// <summary>The task serving this connection, so that Stop can wait for it.</summary>
        public Task? Serving { get; set; }

        /// <summary>Reads up to <paramref name="count"/> bytes; 0 only at the end of the stream.</summary>
        public async Task<int> ReadAsync(byte[] buffer, int offset, int count)
        {
            if (count == 0) return 0;
            if (_start == _end)
            {
                // Large reads skip the buffer: the audio part streams straight into the caller's buffer.
                if (count >= BufferSize) return await ReadNetworkAsync(buffer, offset, count, _idleTimeout).ConfigureAwait(false);
                if (!await FillAsync().ConfigureAwait(false)) return 0;
            }
            int n = Math.Min(count, _end - _start);
            Buffer.BlockCopy(_buffer, _start, buffer, offset, n);
            _start += n;
            return n;
        }

        /// <summary>
        /// Reads one line, without its CRLF (or bare LF), one char per byte; null when the stream ends before the
        /// line's first byte. A line longer than <paramref name="maxLength"/> fails with <paramref name="overflowStatus"/>.
        /// </summary>
        public async Task<string?> ReadLineAsync(int maxLength, int overflowStatus, string overflowMessage)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_start == _end && !await FillAsync().ConfigureAwait(false))
                {
                    if (line.Length == 0) return null;
                    throw new HttpProtocolException(400, "The request ended in the middle of a line.");
                }
                int lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                int stop = lf < 0 ? _end : lf;
                if (line.Length + (stop - _start) > maxLength + 1) throw new HttpProtocolException(overflowStatus, overflowMessage);
                for (int i = _start; i < stop; i++) line.Append((char)_buffer[i]);
                if (lf < 0)
                {
                    _start = _end;
                    continue;
                }
                _start = lf + 1;
                if (line.Length > 0 && line[line.Length - 1] == '\r') line.Length--;
                if (line.Length > maxLength) throw new HttpProtocolException(overflowStatus, overflowMessage);
                return line.ToString();
            }
        }

        public async Task WriteAsync(byte[] bytes)
        {
            Arm(_idleTimeout);
            try
            {
                await _stream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                await _stream.FlushAsync().ConfigureAwait(false);
            }
            finally
            {
                Disarm();
            }
        }

        /// <summary>
        /// Half-closes, then reads and drops what the client still sends until it closes too. Closing a socket with
        /// unread data makes TCP send a reset, and a client still sending its body would then lose the answer.
        /// </summary>
        public async Task CloseGracefullyAsync()
        {
            try
            {
                _client.Client.Shutdown(SocketShutdown.Send);
                var elapsed = Stopwatch.StartNew();
                byte[] scratch = _buffer;
                while (elapsed.Elapsed < LingerLimit)
                {
                    TimeSpan idle = LingerIdle < _idleTimeout ? LingerIdle : _idleTimeout;
                    if (await ReadNetworkAsync(scratch, 0, scratch.Length, idle).ConfigureAwait(false) == 0) break;
                }
            }
            catch (Exception e) when (IsConnectionFailure(e))
            {
                // The client left first or the watchdog fired: either way there is nothing more to wait for.
            }
            finally
            {
                Abort();
            }
        }

        /// <summary>Closes the socket at once; any pending read or write fails. Safe from any thread, more than once.</summary>
        public void Abort()
        {
            if (Interlocked.Exchange(ref _aborted, 1) == 1) return;
            try
            {
                _client.Dispose();
            }
            catch (Exception e) when (IsConnectionFailure(e))
            {
                // Already closed.
            }
        }

        /// <summary>
        /// Closes the socket with a TCP reset rather than a FIN, as a crashed server or a proxy cutting the line does,
        /// so the client sees "connection reset" and not a clean end.
        /// </summary>
        public void Reset()
        {
            if (Volatile.Read(ref _aborted) == 0)
            {
                try
                {
                    // The socket itself, first: disposing the TcpClient shuts the stream down, which sends a FIN before the close.
                    Socket? socket = _client.Client;
                    if (socket != null)
                    {
                        socket.LingerState = new LingerOption(true, 0);
                        socket.Dispose();
                    }
                }
                catch (Exception e) when (IsConnectionFailure(e))
                {
                    // Closed meanwhile; Abort below then only tidies up.
                }
            }
            Abort();
        }

        public void Dispose()
        {
            Abort();
            _watchdog.Dispose();
        }

        /// <summary>True for the exceptions a dropped, reset or aborted connection throws.</summary>
        public static bool IsConnectionFailure(Exception e) =>
            e is System.IO.IOException || e is SocketException || e is ObjectDisposedException || e is OperationCanceledException;

        private async Task<bool> FillAsync()
        {
            _start = 0;
            _end = await ReadNetworkAsync(_buffer, 0, _buffer.Length, _idleTimeout).ConfigureAwait(false);
            return _end > 0;
        }

        private async Task<int> ReadNetworkAsync(byte[] buffer, int offset, int count, TimeSpan timeout)
        {
            Arm(timeout);
            try
            {
                return await _stream.ReadAsync(buffer, offset, count).ConfigureAwait(false);
            }
            finally
            {
                Disarm();
            }
        }

        // Only time spent waiting on the network counts: the watchdog runs during a read or write and stops after.
        private void Arm(TimeSpan timeout) => _watchdog.CancelAfter(timeout);

        private void Disarm() => _watchdog.CancelAfter(Timeout.Infinite);
    }
}
