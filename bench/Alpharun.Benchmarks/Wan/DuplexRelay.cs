using System;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Runs the two directions of one relayed connection. Each direction passes on its end (a half-close) when its
    /// source ends, and the connection is over when both have; if either fails, or the relay stops, both sides are
    /// closed at once so the other direction cannot hang on a peer that is gone.
    /// </summary>
    internal static class DuplexRelay
    {
        public static async Task RunAsync(Func<CancellationToken, Task> upstream, Func<CancellationToken, Task> downstream, Action closeBoth, CancellationToken cancel)
        {
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            // Closing the sockets is what wakes a read that is waiting on a peer.
            using CancellationTokenRegistration closeOnCancel = failed.Token.Register(closeBoth);
            Task up = RunOneAsync(upstream, failed);
            Task down = RunOneAsync(downstream, failed);
            try
            {
                await Task.WhenAll(up, down).ConfigureAwait(false);
            }
            finally
            {
                closeBoth();
            }
        }

        // A direction that fails cancels the other; its exception is kept (observed by WhenAll) for the caller to drop.
        private static async Task RunOneAsync(Func<CancellationToken, Task> direction, CancellationTokenSource failed)
        {
            try
            {
                await direction(failed.Token).ConfigureAwait(false);
            }
            catch
            {
                try
                {
                    failed.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // Already over.
                }
                throw;
            }
        }
    }
}
