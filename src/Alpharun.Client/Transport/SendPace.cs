using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Alpharun
{
    /// <summary>
    /// How fast the link took the body, and so how long the bytes the operating system still holds need once the last
    /// one is handed over. A socket write completes when its bytes are in the send buffer, not when they arrive; on a
    /// slow link that buffer (and the network and the server's receive buffer after it) holds megabytes, which drain at
    /// the link's pace while the client already waits for the answer. The pace is what the writes show once the buffers
    /// are full: each waits for room, so the bytes handed over in the later half of the body, over its time, are the
    /// link's rate. The bytes still on the way are the body less what that rate carries in the time the body took (an
    /// over-estimate when the link was faster early on, never an under-estimate unless it was slower, which slow start
    /// makes it); the allowance is twice the time they need at that rate. A body handed over at once (it fit the buffers)
    /// shows no pace: then there is no allowance, and the wait for the answer is the timeout alone.
    /// </summary>
    internal sealed class SendPace
    {
        /// <summary>Shorter than this from the first chunk to the last byte, the body went at once and shows no pace.</summary>
        internal static readonly TimeSpan Measurable = TimeSpan.FromMilliseconds(100);

        private const int MaxSamples = 256;

        // (Stopwatch ticks, audio bytes handed over by then), evenly spread over the body: every report while there is
        // room, then every other one, every fourth... (the list thinned to match each time it fills).
        private readonly List<KeyValuePair<long, long>> _samples = new List<KeyValuePair<long, long>>();
        private int _stride = 1;
        private long _reports;
        private long _lastBytes;

        /// <summary>Records that <paramref name="bytes"/> audio bytes in all were handed over at <paramref name="ticks"/>.</summary>
        public void Record(long ticks, long bytes)
        {
            _lastBytes = bytes;
            if (_reports++ % _stride != 0) return;
            if (_samples.Count == MaxSamples)
            {
                for (int i = 1; i < MaxSamples / 2; i++) _samples[i] = _samples[2 * i];
                _samples.RemoveRange(MaxSamples / 2, MaxSamples / 2);
                _stride *= 2;
                if ((_reports - 1) % _stride != 0) return;
            }
            _samples.Add(new KeyValuePair<long, long>(ticks, bytes));
        }

        /// <summary>The link's rate in bytes a second over the later half of the body; null when the body showed no pace.</summary>
        public double? BytesPerSecond(long endTicks)
        {
            if (_samples.Count < 2) return null;
            long start = _samples[0].Key;
            long span = endTicks - start;
            if (span < Measurable.TotalSeconds * Stopwatch.Frequency) return null;
            long middle = start + span / 2;
            KeyValuePair<long, long> from = _samples[0];
            foreach (KeyValuePair<long, long> sample in _samples)
            {
                if (sample.Key > middle) break;
                from = sample;
            }
            long bytes = _lastBytes - from.Value;
            long ticks = endTicks - from.Key;
            if (bytes <= 0 || ticks <= 0) return null;
            return bytes * (double)Stopwatch.Frequency / ticks;
        }

        /// <summary>How long past the timeout the wait for the answer may last, the body's last byte handed over at <paramref name="endTicks"/>.</summary>
        public TimeSpan Allowance(long endTicks)
        {
            double? rate = BytesPerSecond(endTicks);
            if (rate is null) return TimeSpan.Zero;
            long total = _lastBytes;
            double seconds = (endTicks - _samples[0].Key) / (double)Stopwatch.Frequency;
            double ahead = Math.Min(total, Math.Max(0, total - rate.Value * seconds));
            return TimeSpan.FromSeconds(2 * ahead / rate.Value);
        }
    }
}
