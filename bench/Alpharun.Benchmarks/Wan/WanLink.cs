using System;
using System.Diagnostics;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// One direction of the emulated wide-area link, shared by every connection through the proxy: each chunk arrives
    /// half the round trip after it was sent and, with a bandwidth cap, after the chunks before it have been
    /// serialised onto the link (as on a real uplink, all connections share the cap).
    /// </summary>
    internal sealed class WanLink
    {
        private readonly long _oneWayTicks;
        private readonly double? _ticksPerByte;
        private readonly object _gate = new object();
        private long _freeAt;

        public WanLink(TimeSpan oneWay, double? megabitsPerSecond)
        {
            _oneWayTicks = (long)(oneWay.TotalSeconds * Stopwatch.Frequency);
            if (megabitsPerSecond.HasValue) _ticksPerByte = Stopwatch.Frequency * 8 / (megabitsPerSecond.Value * 1_000_000);
        }

        /// <summary>The Stopwatch timestamp at which <paramref name="bytes"/> sent now reach the other end.</summary>
        public long ArrivalTimestamp(int bytes)
        {
            long now = Stopwatch.GetTimestamp();
            if (!_ticksPerByte.HasValue) return now + _oneWayTicks;
            lock (_gate)
            {
                // Serialisation: the chunk goes onto the link when the link is free, and takes its size over the rate.
                long start = Math.Max(now, _freeAt);
                _freeAt = start + (long)(bytes * _ticksPerByte.Value);
                return _freeAt + _oneWayTicks;
            }
        }
    }
}
