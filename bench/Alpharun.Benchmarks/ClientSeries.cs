using System.Collections.Generic;
using System.Linq;

namespace Alpharun.Benchmarks
{
    /// <summary>The repeated runs of one client in one scenario, and the figures the table shows for them.</summary>
    internal sealed class ClientSeries
    {
        public ClientSeries(string label)
        {
            Label = label;
        }

        public string Label { get; }

        public List<RunSample> Samples { get; } = new List<RunSample>();

        /// <summary>Runs thrown away because other work took too much of the machine during them (they were redone); listed in the notes.</summary>
        public List<RunSample> Discarded { get; } = new List<RunSample>();

        private IEnumerable<RunSample> Valid => Samples.Where(s => s.IsValid);

        /// <summary>True when every run succeeded; otherwise the figures come from the good runs only and the row says so.</summary>
        public bool AllValid => Samples.Count > 0 && Samples.All(s => s.IsValid);

        public bool AnyValid => Valid.Any();

        public IEnumerable<string> Errors => Samples.Where(s => !s.IsValid).Select(s => s.Error!);

        public double MedianSeconds => Stats.Median(Valid.Select(s => s.Seconds));

        public double MedianWallSeconds => Stats.Median(Valid.Select(s => s.WallSeconds));

        public double? MedianClientCpu => Stats.MedianOrNull(Valid.Select(s => s.ClientCpuSeconds));

        public double? MedianServerCpu => Stats.MedianOrNull(Valid.Select(s => s.ServerCpuSeconds));

        /// <summary>The largest growth of any run: the memory target is a ceiling, so the worst run is the one that counts.</summary>
        public double? MaxGrowthMiB => Valid.Select(s => s.GrowthMiB).Where(g => g.HasValue).Max();

        public double? MaxPeakMiB => Valid.Select(s => s.PeakMiB).Where(g => g.HasValue).Max();

        public long BytesPerRun => Valid.Select(s => s.Bytes).FirstOrDefault();

        public int FilesPerRun => Valid.Select(s => s.Files).FirstOrDefault();

        public int Created => Samples.Sum(s => s.Created);

        public int Existed => Samples.Sum(s => s.Existed);
    }
}
