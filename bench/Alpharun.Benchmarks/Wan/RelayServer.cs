using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// A listener on 127.0.0.1 that hands every accepted connection to <see cref="ServeAsync"/>, keeps track of the
    /// connections it serves and, on dispose, cancels them all and waits for them, so no task is left unobserved.
    /// </summary>
    internal abstract class RelayServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentDictionary<Task, bool> _serving = new ConcurrentDictionary<Task, bool>();
        private Task _accepting = Task.CompletedTask;
        private int _accepted;

        public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

        /// <summary>Connections being served now.</summary>
        public int Open => _serving.Count;

        /// <summary>Connections accepted so far.</summary>
        public int Accepted => Volatile.Read(ref _accepted);

        protected void Start()
        {
            _listener.Start(backlog: 512);
            _accepting = AcceptLoopAsync(_stop.Token);
        }

        /// <summary>Serves one accepted connection until it ends; it owns <paramref name="client"/>. Exceptions end that connection only.</summary>
        protected abstract Task ServeAsync(Socket client, CancellationToken cancel);

        private async Task AcceptLoopAsync(CancellationToken cancel)
        {
            while (!cancel.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await _listener.AcceptSocketAsync(cancel).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException || e is ObjectDisposedException || e is SocketException)
                {
                    if (cancel.IsCancellationRequested) return;
                    // A failed accept (a connection reset while queued, too many open files) must not spin the loop.
                    await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }
                Interlocked.Increment(ref _accepted);
                client.NoDelay = true;
                Task serving = ServeObservedAsync(client, cancel);
                _serving.TryAdd(serving, true);
                // Forget it once done; when it finished before TryAdd, the continuation still removes it.
                _ = serving.ContinueWith(t => _serving.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        private async Task ServeObservedAsync(Socket client, CancellationToken cancel)
        {
            try
            {
                await ServeAsync(client, cancel).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A broken connection ends itself only; the relay goes on serving the others.
            }
            finally
            {
                client.Dispose();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            try
            {
                Task.WhenAll(_serving.Keys.Append(_accepting).ToArray()).Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
                // Every serving task catches its own exceptions; the accept loop only ends by cancellation.
            }
            _stop.Dispose();
        }
    }
}
