using System;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// Keeps the first and the last 64 KiB of an audio part as it streams by (a ring for the tail), so the core's
    /// content check can read what it needs without the sandbox holding the whole file.
    /// </summary>
    internal sealed class AudioEnds
    {
        private const int Size = 64 * 1024;

        private readonly byte[] _head = new byte[Size];
        private readonly byte[] _ring = new byte[Size];
        private int _headLength;
        private long _total;

        public void Add(byte[] buffer, int count)
        {
            int toHead = Math.Min(count, Size - _headLength);
            if (toHead > 0)
            {
                Buffer.BlockCopy(buffer, 0, _head, _headLength, toHead);
                _headLength += toHead;
            }
            // The ring holds byte i of the stream at i % Size; only the last Size bytes of buffer can matter.
            int skip = Math.Max(0, count - Size);
            for (int i = skip; i < count;)
            {
                long position = _total + i;
                int at = (int)(position % Size);
                int run = Math.Min(count - i, Size - at);
                Buffer.BlockCopy(buffer, i, _ring, at, run);
                i += run;
            }
            _total += count;
        }

        /// <summary>The content check on what was kept.</summary>
        public AudioInfo Probe()
        {
            byte[] head = new byte[_headLength];
            Buffer.BlockCopy(_head, 0, head, 0, _headLength);
            int tailLength = (int)Math.Min(_total, Size);
            byte[] tail = new byte[tailLength];
            long start = _total - tailLength;
            for (int i = 0; i < tailLength; i++) tail[i] = _ring[(start + i) % Size];
            return AudioProbe.Probe(head, tail, _total);
        }
    }
}
