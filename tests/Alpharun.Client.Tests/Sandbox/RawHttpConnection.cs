using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Alpharun.Sandbox;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>A bare TCP connection to the sandbox, for requests no HTTP client would send (chunked by hand, cut short, stalled).</summary>
    internal sealed class RawHttpConnection : IDisposable
    {
        private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        private RawHttpConnection(TcpClient client)
        {
            _client = client;
            _stream = client.GetStream();
        }

        public static async Task<RawHttpConnection> OpenAsync(int port)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return new RawHttpConnection(client);
        }

        /// <summary>A request head for the upload endpoint, ending in the empty line.</summary>
        public static string Head(SandboxServer server, IEnumerable<string> headers, string method = "POST", string target = SandboxServer.UploadPath, string? key = null)
        {
            var sb = new StringBuilder();
            sb.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
            sb.Append("Host: 127.0.0.1:").Append(server.Port.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            sb.Append("Authorization: Bearer ").Append(key ?? server.ApiKey.Reveal()).Append("\r\n");
            foreach (string header in headers) sb.Append(header).Append("\r\n");
            sb.Append("\r\n");
            return sb.ToString();
        }

        public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

        public async Task SendAsync(byte[] bytes)
        {
            await _stream.WriteAsync(bytes, 0, bytes.Length);
            await _stream.FlushAsync();
        }

        public void ShutdownSend() => _client.Client.Shutdown(SocketShutdown.Send);

        /// <summary>Reads one response (an interim 100 Continue counts as one): status, headers, and a body of its Content-Length.</summary>
        public async Task<RawResponse> ReadResponseAsync()
        {
            string statusLine = await ReadLineAsync() ?? throw new EndOfStreamException("The server closed the connection before answering.");
            string[] parts = statusLine.Split(' ', 3);
            int status = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? line;
            while ((line = await ReadLineAsync()) is { Length: > 0 })
            {
                int colon = line.IndexOf(':');
                headers[line.Substring(0, colon)] = line.Substring(colon + 1).Trim();
            }
            int length = headers.TryGetValue("Content-Length", out string? value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
            return new RawResponse(status, headers, Encoding.UTF8.GetString(await ReadExactAsync(length)));
        }

        public async Task<byte[]> ReadExactAsync(int count)
        {
            byte[] bytes = new byte[count];
            for (int read = 0; read < count;)
            {
                int n = await ReadAsync(bytes, read, count - read);
                if (n == 0) throw new EndOfStreamException("The server closed the connection.");
                read += n;
            }
            return bytes;
        }

        /// <summary>True when the server closed (or reset) the connection with nothing more to read.</summary>
        public async Task<bool> ServerClosedAsync()
        {
            try
            {
                return await ReadAsync(new byte[1], 0, 1) == 0;
            }
            catch (IOException)
            {
                return true;
            }
        }

        public void Dispose() => _client.Dispose();

        private async Task<string?> ReadLineAsync()
        {
            var line = new StringBuilder();
            var one = new byte[1];
            while (true)
            {
                if (await ReadAsync(one, 0, 1) == 0) return line.Length == 0 ? null : throw new EndOfStreamException("The connection closed inside a line.");
                if (one[0] == '\n') return line.ToString().TrimEnd('\r');
                line.Append((char)one[0]);
            }
        }

        private async Task<int> ReadAsync(byte[] buffer, int offset, int count)
        {
            if (_start == _end)
            {
                using var timeout = new CancellationTokenSource(ReadTimeout);
                _start = 0;
                _end = await _stream.ReadAsync(_buffer.AsMemory(), timeout.Token);
                if (_end == 0) return 0;
            }
            int n = Math.Min(count, _end - _start);
            Buffer.BlockCopy(_buffer, _start, buffer, offset, n);
            _start += n;
            return n;
        }
    }

    internal sealed class RawResponse
    {
        public RawResponse(int status, IReadOnlyDictionary<string, string> headers, string body)
        {
            Status = status;
            Headers = headers;
            Body = body;
        }

        public int Status { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public string Body { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

        public ApiAnswer ToAnswer() => ApiAnswer.FromRaw(Status, Headers, Body);
    }
}
