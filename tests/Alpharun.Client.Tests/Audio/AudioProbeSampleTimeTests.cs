using System;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>Exact lengths from sample counts, up to the largest length a TimeSpan holds.</summary>
    public class AudioProbeSampleTimeTests
    {
        // (ulong)TimeSpan.MaxValue.TotalSeconds is 922337203685: the last whole second kept is one less.
        private const ulong LastSecondKept = 922337203684;

        [Fact]
        public void UnitsOverRateIsExactToTheTick() =>
            Assert.Equal(TimeSpan.FromTicks(10_000_000 + 3_333_333), SampleTime.Of(4, 3));

        [Fact]
        public void AZeroRateHasNoLength() => Assert.Null(SampleTime.Of(100, 0));

        [Fact]
        public void TheLastSecondBelowTheTimeSpanLimitIsStillALength() =>
            Assert.Equal(TimeSpan.FromTicks((long)LastSecondKept * TimeSpan.TicksPerSecond), SampleTime.Of(LastSecondKept, 1));

        [Fact]
        public void OneSecondMoreIsBeyondTimeSpanAndHasNoLength() => Assert.Null(SampleTime.Of(LastSecondKept + 1, 1));
    }
}
