using System;
using System.Diagnostics;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The edges of <see cref="SendPace"/>: two samples already show a pace, a body spanning exactly <see cref="SendPace.Measurable"/> is measured, and a later half that moved nothing shows none.</summary>
    public class SendPaceEdgeTests
    {
        private const long MiB = 1024 * 1024;

        private static long At(double seconds) => (long)(seconds * Stopwatch.Frequency);

        [Fact]
        public void TwoSamplesOneSecondApartShowThePaceBetweenThem()
        {
            var pace = new SendPace();
            pace.Record(At(0), 81920);
            pace.Record(At(1), 81920 + MiB);

            Assert.Equal(MiB, pace.BytesPerSecond(At(1)));
        }

        [Fact]
        public void ABodySpanningExactlyTheMeasurableTimeShowsAPace()
        {
            long measurable = (long)(SendPace.Measurable.TotalSeconds * Stopwatch.Frequency);
            Assert.Equal(SendPace.Measurable.TotalSeconds * Stopwatch.Frequency, measurable);
            var pace = new SendPace();
            pace.Record(0, 81920);
            pace.Record(measurable, 81920 + MiB);

            Assert.NotNull(pace.BytesPerSecond(measurable));
        }

        [Fact]
        public void ALaterHalfThatHandedNothingOverShowsNoPaceAndGivesNoAllowance()
        {
            var pace = new SendPace();
            pace.Record(At(0), 81920);
            pace.Record(At(1), 81920);

            Assert.Null(pace.BytesPerSecond(At(1)));
            Assert.Equal(TimeSpan.Zero, pace.Allowance(At(1)));
        }
    }
}
