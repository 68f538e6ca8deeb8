using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Alpharun.Sandbox;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>
    /// A sandbox <see cref="HttpConnection"/> over a loopback socket, with the test holding the other end (the "peer"),
    /// so the HTTP layer's streams and readers can be driven byte by byte without a server.
    /// </summary>
    internal sealed class LoopbackPair : IDisposable
    {
        private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

        private readonly TcpClient _peer;
        private readonly NetworkStream _peerStream;
        private Task _sending = Task.CompletedTask;

        private LoopbackPair(TcpClient peer, TcpClient serverSide, TimeSpan idleTimeout)
        {
            _peer = peer;
            _peerStream = peer.GetStream();
            Connection = new HttpConnection(serverSide, idleTimeout);
        }

        public HttpConnection Connection { get; }

        public static async Task<LoopbackPair> OpenAsync(TimeSpan? idleTimeout = null)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var peer = new TcpClient();
                Task<TcpClient> accept = listener.AcceptTcpClientAsync();
                await peer.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
                return new LoopbackPair(peer, await accept, idleTimeout ?? TimeSpan.FromSeconds(30));
            }
            finally
            {
                listener.Stop();
            }
        }

        /// <summary>A pair whose peer sends <paramref name="input"/> (one byte per char) in the background, then ends its side when <paramref name="end"/>.</summary>
        public static async Task<LoopbackPair> WithInputAsync(string input, bool end = true)
        {
            LoopbackPair pair = await OpenAsync();
            pair._sending = Task.Run(async () =>
            {
                await pair.SendAsync(input);
                if (end) pair.EndInput();
            });
            return pair;
        }

        public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

        public Task SendAsync(string text) => SendAsync(Bytes(text));

        public async Task SendAsync(byte[] bytes)
        {
            await _peerStream.WriteAsync(bytes, 0, bytes.Length);
            await _peerStream.FlushAsync();
        }

        /// <summary>The peer ends its side: the connection reads end-of-stream after what was sent.</summary>
        public void EndInput() => _peer.Client.Shutdown(SocketShutdown.Send);

        /// <summary>Everything the connection wrote to the peer until it closed.</summary>
        public async Task<byte[]> ReceiveToEndAsync()
        {
            using var timeout = new CancellationTokenSource(Deadline);
            using var all = new MemoryStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = await _peerStream.ReadAsync(buffer.AsMemory(), timeout.Token)) > 0) all.Write(buffer, 0, n);
            return all.ToArray();
        }

        /// <summary>One read on the peer's side; 0 at the end of the stream.</summary>
        public async Task<int> PeerReadAsync(byte[] buffer)
        {
            using var timeout = new CancellationTokenSource(Deadline);
            return await _peerStream.ReadAsync(buffer.AsMemory(), timeout.Token);
        }

        /// <summary>Reads <paramref name="stream"/> to its end with reads of <paramref name="bufferSize"/>, as Latin-1 text.</summary>
        public static async Task<string> ReadToEndAsync(Stream stream, int bufferSize = 8192)
        {
            var text = new StringBuilder();
            byte[] buffer = new byte[bufferSize];
            int n;
            while ((n = await stream.ReadAsync(buffer, 0, buffer.Length)) > 0) text.Append(Encoding.Latin1.GetString(buffer, 0, n));
            return text.ToString();
        }

        /// <summary>Waits (with a deadline) for <paramref name="task"/>; fails the test instead of hanging.</summary>
        public static async Task<T> WithinDeadline<T>(Task<T> task)
        {
            if (await Task.WhenAny(task, Task.Delay(Deadline)) != task) throw new TimeoutException("The operation did not finish in time.");
            return await task;
        }

        public static async Task WithinDeadline(Task task)
        {
            if (await Task.WhenAny(task, Task.Delay(Deadline)) != task) throw new TimeoutException("The operation did not finish in time.");
            await task;
        }

        public void Dispose()
        {
            Connection.Dispose();
            _peer.Dispose();
            try
            {
                _sending.Wait(Deadline);
            }
            catch (AggregateException)
            {
                // The peer may still have been sending when the connection closed.
            }
        }
    }
}
