using System;
using System.Diagnostics;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// The allowance for what the operating system still holds when the body's last byte is handed over (issue 18,
    /// item 3), from the pace the writes showed. Ticks are made up here: a sample is (time, audio bytes handed over).
    /// </summary>
    public class SendPaceTests
    {
        private const long MiB = 1024 * 1024;

        private static long At(double seconds) => (long)(seconds * Stopwatch.Frequency);

        [Fact]
        public void NoSamplesOrOneShowNoPaceAndGiveNoAllowance()
        {
            var pace = new SendPace();
            Assert.Null(pace.BytesPerSecond(At(5)));
            Assert.Equal(TimeSpan.Zero, pace.Allowance(At(5)));

            pace.Record(At(0), 81920);
            Assert.Null(pace.BytesPerSecond(At(5)));
            Assert.Equal(TimeSpan.Zero, pace.Allowance(At(5)));
        }

        [Fact]
        public void ABodyHandedOverAtOnceShowsNoPace()
        {
            // 2 MiB in 50 ms: it went into the buffers whole; how fast the link drains them is not known.
            var pace = new SendPace();
            for (int i = 1; i <= 25; i++) pace.Record(At(i * 0.002), i * 81920L);

            Assert.Null(pace.BytesPerSecond(At(0.05)));
            Assert.Equal(TimeSpan.Zero, pace.Allowance(At(0.05)));
        }

        [Fact]
        public void BuffersFilledAtOnceThenALinkOfOneMebibyteASecondGiveTwiceTheTimeTheBacklogNeeds()
        {
            // 4 MiB into the buffers at once, then 4 MiB more at 1 MiB/s: 4 MiB are still on the way at the end, 4 s at
            // that rate, and the allowance is twice that.
            var pace = new SendPace();
            pace.Record(At(0), 81920);
            pace.Record(At(0.001), 4 * MiB);
            for (int i = 1; i <= 40; i++) pace.Record(At(i * 0.1), 4 * MiB + i * MiB / 10);

            Assert.Equal(MiB, pace.BytesPerSecond(At(4))!.Value, 1);
            Assert.Equal(8, pace.Allowance(At(4)).TotalSeconds, 3);
        }

        [Fact]
        public void ALinkThatSlowsDownIsMeasuredByTheLaterHalfOfTheBody()
        {
            // 2 MiB/s for 2 s, then 0.5 MiB/s for 2 s: the later half's rate is the one the backlog drains at.
            var pace = new SendPace();
            for (int i = 1; i <= 20; i++) pace.Record(At(i * 0.1), i * MiB / 5);
            for (int i = 1; i <= 20; i++) pace.Record(At(2 + i * 0.1), 4 * MiB + i * MiB / 20);

            Assert.Equal(0.5 * MiB, pace.BytesPerSecond(At(4))!.Value, 1);
        }

        [Fact]
        public void AFlowingBodyWithNothingBufferedGetsNoAllowance()
        {
            // Handed over at the link's own pace from the first byte: nothing is ahead of the link at the end.
            var pace = new SendPace();
            for (int i = 0; i <= 40; i++) pace.Record(At(i * 0.1), (i + 1) * MiB / 10);

            // The first chunk, 0.1 MiB, counts as ahead (the estimate errs long): 0.2 s.
            Assert.InRange(pace.Allowance(At(4)).TotalSeconds, 0.19, 0.21);
        }

        [Fact]
        public void ThousandsOfChunksAreThinnedWithoutLosingThePace()
        {
            // 13,000 chunks (a GiB in 80 KiB): the samples stay bounded, the rate is still read from the later half.
            var pace = new SendPace();
            pace.Record(At(0), 81920);
            pace.Record(At(0.001), 4 * MiB);
            for (int i = 1; i <= 13000; i++) pace.Record(At(i * 0.01), 4 * MiB + i * 81920L);

            double expected = 81920 / 0.01;
            Assert.InRange(pace.BytesPerSecond(At(130))!.Value, expected * 0.99, expected * 1.01);
            Assert.InRange(pace.Allowance(At(130)).TotalSeconds, 2 * 4 * MiB / expected * 0.95, 2 * 4 * MiB / expected * 1.05);
        }

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
