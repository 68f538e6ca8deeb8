using System;
using System.Threading;

namespace Alpharun
{
    /// <summary>
    /// Cancels an attempt that makes no progress for the timeout: while the body is sent each chunk restarts the
    /// clock, so a large upload on a slow link is never cut off, yet a server that stops reading or never answers is.
    /// </summary>
    internal sealed class AttemptWatchdog : IDisposable
    {
        private readonly CancellationTokenSource _source;
        private readonly TimeSpan _timeout;

        public AttemptWatchdog(TimeSpan timeout, CancellationToken cancellationToken)
        {
            _timeout = timeout;
            _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Kick();
        }

        public CancellationToken Token => _source.Token;

        public void Kick()
        {
            if (_timeout == Timeout.InfiniteTimeSpan) return;
            try
            {
                _source.CancelAfter(_timeout);
            }
            catch (ObjectDisposedException)
            {
                // The attempt already ended.
            }
        }

        public void Dispose() => _source.Dispose();
    }
}
