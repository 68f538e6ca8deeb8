using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// Runs every client of a scenario once per repetition, one at a time (never two clients at once), with the
    /// order rotated each repetition so drift (page cache, server heap, thermal) does not always favour one client.
    /// </summary>
    internal static class RepeatedRuns
    {
        public static async Task RunAsync(string scenario, int reps, DisturbanceGuard guard, IReadOnlyList<(ClientSeries Series, Func<Task<RunSample>> Run)> clients)
        {
            for (int rep = 0; rep < reps; rep++)
            {
                foreach (var client in Stats.Rotate(clients, rep))
                {
                    for (int redos = 0; ; redos++)
                    {
                        guard.WaitForQuiet();
                        RunSample sample = await client.Run().ConfigureAwait(false);
                        bool redo = guard.ShouldRedo(sample, redos);
                        Console.WriteLine($"  [{scenario}] rep {rep + 1}/{reps}  {client.Series.Label,-56} {Describe(sample)}{(redo ? "  disturbed: redoing" : string.Empty)}");
                        if (!redo)
                        {
                            client.Series.Samples.Add(sample);
                            break;
                        }
                        client.Series.Discarded.Add(sample);
                    }
                }
            }
        }

        private static string Describe(RunSample sample)
        {
            if (!sample.IsValid) return "FAILED: " + sample.Error;
            string other = sample.OtherSharePercent.HasValue ? string.Format(CultureInfo.InvariantCulture, ", {0:0}% other", sample.OtherSharePercent) : string.Empty;
            return string.Format(CultureInfo.InvariantCulture, "{0,8:0.000} s   (process wall {1:0.00} s{2})", sample.Seconds, sample.WallSeconds, other);
        }
    }
}
