using System;

namespace Alpharun
{
    /// <summary>Exact lengths from sample counts, without overflow.</summary>
    internal static class SampleTime
    {
        /// <summary><paramref name="units"/> / <paramref name="perSecond"/> seconds, to the tick; null for a zero rate or a length beyond TimeSpan.</summary>
        public static TimeSpan? Of(ulong units, ulong perSecond)
        {
            if (perSecond == 0) return null;
            ulong seconds = units / perSecond;
            if (seconds > (ulong)TimeSpan.MaxValue.TotalSeconds - 1) return null;
            ulong remainder = units % perSecond;
            // remainder < perSecond <= 2^32 in practice; guard the product anyway.
            decimal fraction = (decimal)remainder * TimeSpan.TicksPerSecond / perSecond;
            return TimeSpan.FromTicks((long)seconds * TimeSpan.TicksPerSecond + (long)Math.Round(fraction));
        }
    }
}
