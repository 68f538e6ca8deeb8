using System;
using System.Collections.Generic;
using System.Linq;

namespace Alpharun.Benchmarks
{
    internal static class Stats
    {
        /// <summary>The median; NaN for no values.</summary>
        public static double Median(IEnumerable<double> values)
        {
            double[] sorted = values.OrderBy(v => v).ToArray();
            if (sorted.Length == 0) return double.NaN;
            int mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        public static double? MedianOrNull(IEnumerable<double?> values)
        {
            double[] known = values.Where(v => v.HasValue).Select(v => v!.Value).ToArray();
            return known.Length == 0 ? null : Median(known);
        }

        /// <summary>The order of the clients in repetition <paramref name="rep"/>: rotated, so none always goes first (or last).</summary>
        public static IEnumerable<T> Rotate<T>(IReadOnlyList<T> items, int rep)
        {
            for (int i = 0; i < items.Count; i++) yield return items[(i + rep) % items.Count];
        }

        public static double MiB(long bytes) => bytes / (1024.0 * 1024.0);

        public static double Min(IEnumerable<double> values) => values.DefaultIfEmpty(double.NaN).Min();
    }
}
