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

        /// <summary>Restarts the clock with <paramref name="extra"/> added to the timeout, once (the next <see cref="Kick"/> ends it).</summary>
        public void Extend(TimeSpan extra)
        {
            if (_timeout == Timeout.InfiniteTimeSpan) return;
            try
            {
                // CancelAfter takes at most int.MaxValue milliseconds (24.8 days).
                TimeSpan wait = _timeout + extra;
                _source.CancelAfter(wait.TotalMilliseconds >= int.MaxValue ? TimeSpan.FromMilliseconds(int.MaxValue - 1) : wait);
            }
            catch (ObjectDisposedException)
            {
                // The attempt already ended.
            }
        }

        /// <summary>True once the clock ran out (not when the caller cancelled).</summary>
        public bool Fired(CancellationToken callerToken) => _source.IsCancellationRequested && !callerToken.IsCancellationRequested;

        public void Dispose() => _source.Dispose();
    }
}
