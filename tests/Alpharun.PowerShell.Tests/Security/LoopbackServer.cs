using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.PowerShell.Tests.Security
{
    /// <summary>
    /// A raw HTTP/1.1 server on 127.0.0.1 whose every byte the test controls: it answers what no real API would
    /// (redirects, broken or huge bodies, nothing at all) and records what reached it.
    /// </summary>
    internal sealed class LoopbackServer : IDisposable
    {
        public static readonly Guid RecordingId = Guid.Parse("6a0f3c1e-2b4d-4e8f-9a1b-2c3d4e5f6a7b");

        private readonly TcpListener _listener;
        private readonly Func<LoopbackExchange, Task> _handler;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ConcurrentQueue<string> _heads = new ConcurrentQueue<string>();
        private readonly ConcurrentQueue<TcpClient> _clients = new ConcurrentQueue<TcpClient>();
        private readonly ConcurrentQueue<Task> _exchanges = new ConcurrentQueue<Task>();
        private readonly Task _acceptLoop;
        private int _connections;

        /// <param name="handler">What each accepted connection gets.</param>
        /// <param name="receiveBufferSize">The accepted sockets' receive buffer, when given: a small one keeps the client's bytes from piling up in the kernel, so the server's pace is the link's.</param>
        public LoopbackServer(Func<LoopbackExchange, Task> handler, int? receiveBufferSize = null)
        {
            _handler = handler;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            if (receiveBufferSize is int size) _listener.Server.ReceiveBufferSize = size;
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        public int Port { get; }

        public string BaseUri => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/api/v1";

        /// <summary>TCP connections accepted so far.</summary>
        public int ConnectionCount => Volatile.Read(ref _connections);

        /// <summary>Every request head read so far (request line and headers), in arrival order.</summary>
        public IReadOnlyList<string> RequestHeads => _heads.ToArray();

        /// <summary>Waits until every exchange started so far has ended; false if <paramref name="limit"/> passed first.</summary>
        public bool WaitForExchanges(TimeSpan limit) => Task.WaitAll(_exchanges.ToArray(), limit);

        /// <summary>Reads the request (head and Content-Length body), then answers with <paramref name="status"/> and <paramref name="body"/>, and closes.</summary>
        public static Func<LoopbackExchange, Task> Answer(int status, string body, params string[] headers) => async exchange =>
        {
            string? head = await exchange.ReadHeadAsync();
            if (head is null) return;
            await exchange.ReadBodyAsync(LoopbackExchange.ContentLength(head));
            await exchange.WriteResponseAsync(status, Encoding.UTF8.GetBytes(body), headers);
        };

        /// <summary>A well-formed 201 as the API gives it.</summary>
        public static Func<LoopbackExchange, Task> Created() =>
            Answer(201, "{\"data\":{\"recording\":{\"id\":\"" + RecordingId.ToString("D") + "\"}}}", "Content-Type: application/json");

        public void Dispose()
        {
            _stopping.Cancel();
            _listener.Stop();
            while (_clients.TryDequeue(out TcpClient? client)) client.Dispose();
            try
            {
                Task.WaitAll(_exchanges.Append(_acceptLoop).ToArray(), TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Exchanges end by failing their I/O on the closed sockets.
            }
            _stopping.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                }
                catch (Exception)
                {
                    return;
                }
                Interlocked.Increment(ref _connections);
                _clients.Enqueue(client);
                _exchanges.Enqueue(Task.Run(() => ServeAsync(client)));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            try
            {
                await _handler(new LoopbackExchange(client, _heads, _stopping.Token));
            }
            catch (Exception e) when (e is IOException || e is SocketException || e is ObjectDisposedException || e is OperationCanceledException)
            {
                // The client went away (or the test ended): that is often the very thing under test.
            }
            finally
            {
                client.Dispose();
            }
        }
    }

    /// <summary>One accepted connection of a <see cref="LoopbackServer"/>.</summary>
    internal sealed class LoopbackExchange
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly ConcurrentQueue<string> _heads;
        private byte[] _leftover = Array.Empty<byte>();
        private long _bytesWritten;

        public LoopbackExchange(TcpClient client, ConcurrentQueue<string> heads, CancellationToken stopping)
        {
            _client = client;
            _stream = client.GetStream();
            _heads = heads;
            Stopping = stopping;
        }

        public CancellationToken Stopping { get; }

        /// <summary>Body bytes of the answer written so far (the head not counted).</summary>
        public long BytesWritten => Interlocked.Read(ref _bytesWritten);

        /// <summary>Reads up to the empty line after the headers; null when the client closed first.</summary>
        public async Task<string?> ReadHeadAsync()
        {
            var received = new List<byte>();
            byte[] buffer = new byte[8192];
            while (true)
            {
                int end = IndexOfEmptyLine(received);
                if (end >= 0)
                {
                    string head = Encoding.UTF8.GetString(received.GetRange(0, end).ToArray());
                    _leftover = received.Skip(end + 4).ToArray();
                    _heads.Enqueue(head);
                    return head;
                }
                int n = await _stream.ReadAsync(buffer, 0, buffer.Length, Stopping);
                if (n == 0) return null;
                received.AddRange(buffer.Take(n));
            }
        }

        /// <summary>Reads whatever the client sent first (a TLS hello, say), without parsing it; 0 when it closed.</summary>
        public async Task<int> ReadSomeAsync()
        {
            byte[] buffer = new byte[8192];
            return await _stream.ReadAsync(buffer, 0, buffer.Length, Stopping);
        }

        public static long ContentLength(string head)
        {
            foreach (string line in head.Split("\r\n"))
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                {
                    return long.Parse(line.Substring("Content-Length:".Length).Trim(), CultureInfo.InvariantCulture);
                }
            }
            return 0;
        }

        public static string? Header(string head, string name)
        {
            foreach (string line in head.Split("\r\n"))
            {
                int colon = line.IndexOf(':');
                if (colon > 0 && string.Equals(line.Substring(0, colon), name, StringComparison.OrdinalIgnoreCase)) return line.Substring(colon + 1).Trim();
            }
            return null;
        }

        /// <summary>
        /// Reads and drops <paramref name="length"/> body bytes, <paramref name="chunk"/> at a time, calling
        /// <paramref name="afterChunk"/> with the total after each read (to pace the client); returns the bytes read,
        /// fewer when the client closed first.
        /// </summary>
        public async Task<long> ReadBodyAsync(long length, int chunk = 64 * 1024, Func<long, Task>? afterChunk = null)
        {
            long read = Math.Min(length, _leftover.Length);
            _leftover = Array.Empty<byte>();
            byte[] buffer = new byte[chunk];
            while (read < length)
            {
                int n = await _stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, length - read), Stopping);
                if (n == 0) return read;
                read += n;
                if (afterChunk != null) await afterChunk(read);
            }
            return read;
        }

        /// <summary>Reads <paramref name="length"/> body bytes and returns them (fewer when the client closed first).</summary>
        public async Task<byte[]> ReadBodyBytesAsync(long length)
        {
            var body = new MemoryStream();
            int fromLeftover = (int)Math.Min(length, _leftover.Length);
            body.Write(_leftover, 0, fromLeftover);
            _leftover = Array.Empty<byte>();
            byte[] buffer = new byte[64 * 1024];
            while (body.Length < length)
            {
                int n = await _stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, length - body.Length), Stopping);
                if (n == 0) break;
                body.Write(buffer, 0, n);
            }
            return body.ToArray();
        }

        /// <summary>
        /// Holds the connection open without answering until the client closes it (true) or <paramref name="release"/>
        /// or the server's stop comes first (false).
        /// </summary>
        public async Task<bool> WaitForClientToCloseAsync(CancellationToken release)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(release, Stopping);
            byte[] buffer = new byte[4096];
            try
            {
                while (await _stream.ReadAsync(buffer, 0, buffer.Length, either.Token) > 0)
                {
                }
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            catch (IOException)
            {
                // A reset is the client closing too.
                return true;
            }
        }

        public async Task WriteAsync(string ascii)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(ascii);
            await _stream.WriteAsync(bytes, 0, bytes.Length, Stopping);
        }

        public async Task WriteBodyAsync(byte[] bytes)
        {
            await _stream.WriteAsync(bytes, 0, bytes.Length, Stopping);
            Interlocked.Add(ref _bytesWritten, bytes.Length);
        }

        /// <summary>Ends the answer where it is (the client reads end of stream), whatever its Content-Length promised.</summary>
        public async Task CloseAsync()
        {
            await _stream.FlushAsync(Stopping);
            _client.Client.Shutdown(SocketShutdown.Send);
        }

        /// <summary>Writes a complete answer with Content-Length and Connection: close.</summary>
        public async Task WriteResponseAsync(int status, byte[] body, params string[] headers)
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(" Status\r\n");
            foreach (string header in headers) head.Append(header).Append("\r\n");
            head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append("Connection: close\r\n\r\n");
            await WriteAsync(head.ToString());
            await WriteBodyAsync(body);
            await _stream.FlushAsync(Stopping);
            _client.Client.Shutdown(SocketShutdown.Send);
        }

        private static int IndexOfEmptyLine(List<byte> bytes)
        {
            for (int i = 0; i + 3 < bytes.Count; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') return i;
            }
            return -1;
        }
    }
}
