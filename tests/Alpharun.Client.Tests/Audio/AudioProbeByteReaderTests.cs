using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The bounds-checked reads every container reader rests on: exact values inside, false (never an exception) outside.</summary>
    public class AudioProbeByteReaderTests
    {
        private static readonly byte[] Four = { 0x01, 0x02, 0x03, 0x04 };

        [Theory]
        [InlineData(0, 0, true)]   // an empty read at the start
        [InlineData(4, 0, true)]   // an empty read at the very end is still inside
        [InlineData(0, 4, true)]
        [InlineData(3, 1, true)]
        [InlineData(3, 2, false)]
        [InlineData(5, 0, false)]  // past the end
        [InlineData(-1, 0, false)] // before the start, even for nothing
        [InlineData(-1, 1, false)]
        [InlineData(0, -1, false)] // a negative count
        public void HasSaysWhetherTheRangeLiesInsideTheData(long offset, long count, bool inside) =>
            Assert.Equal(inside, ByteReader.Has(Four, offset, count));

        [Fact]
        public void MatchesIsFalseWhenTheTextRunsPastTheEnd() => Assert.False(ByteReader.Matches(new byte[] { (byte)'R', (byte)'I' }, 0, "RIFF"));

        [Fact]
        public void MatchesComparesEveryByte()
        {
            byte[] riff = { (byte)'x', (byte)'R', (byte)'I', (byte)'F', (byte)'F' };
            Assert.True(ByteReader.Matches(riff, 1, "RIFF"));
            Assert.False(ByteReader.Matches(riff, 1, "RIFX"));
        }

        [Fact]
        public void U16LEReadsLowByteFirst()
        {
            Assert.True(ByteReader.U16LE(new byte[] { 0x34, 0x12 }, 0, out uint v));
            Assert.Equal(0x1234u, v);
        }

        [Fact]
        public void U16LEOutOfRangeIsFalseAndZero()
        {
            Assert.False(ByteReader.U16LE(new byte[] { 0x34 }, 0, out uint v));
            Assert.Equal(0u, v);
        }

        [Fact]
        public void U32LEReadsLowByteFirst()
        {
            Assert.True(ByteReader.U32LE(Four, 0, out uint v));
            Assert.Equal(0x04030201u, v);
        }

        [Fact]
        public void U64LEReadsBothHalves()
        {
            Assert.True(ByteReader.U64LE(new byte[] { 1, 0, 0, 0, 2, 0, 0, 0 }, 0, out ulong v));
            Assert.Equal(0x0000000200000001UL, v);
        }

        [Fact]
        public void U64LEWithOnlyItsLowHalfIsFalseAndZero()
        {
            Assert.False(ByteReader.U64LE(new byte[] { 1, 0, 0, 0, 2, 0 }, 0, out ulong v));
            Assert.Equal(0UL, v);
        }

        [Fact]
        public void U16BEReadsHighByteFirst()
        {
            Assert.True(ByteReader.U16BE(new byte[] { 0xAA, 0x12, 0x34 }, 1, out uint v));
            Assert.Equal(0x1234u, v);
        }

        [Fact]
        public void U16BEOutOfRangeIsFalseAndZero()
        {
            Assert.False(ByteReader.U16BE(new byte[] { 0x12, 0x34 }, 1, out uint v));
            Assert.Equal(0u, v);
        }

        [Fact]
        public void U32BEReadsHighByteFirst()
        {
            Assert.True(ByteReader.U32BE(Four, 0, out uint v));
            Assert.Equal(0x01020304u, v);
        }

        [Fact]
        public void U32BEOutOfRangeIsFalseAndZero()
        {
            Assert.False(ByteReader.U32BE(new byte[] { 1, 2, 3 }, 0, out uint v));
            Assert.Equal(0u, v);
        }

        [Fact]
        public void U64BEReadsHighHalfFirst()
        {
            Assert.True(ByteReader.U64BE(new byte[] { 0, 0, 0, 1, 0, 0, 0, 2 }, 0, out ulong v));
            Assert.Equal(0x0000000100000002UL, v);
        }

        [Fact]
        public void U64BEWithOnlyItsHighHalfIsFalseAndZero()
        {
            Assert.False(ByteReader.U64BE(new byte[] { 0, 0, 0, 1, 0, 0 }, 0, out ulong v));
            Assert.Equal(0UL, v);
        }

        [Fact]
        public void Latin1StopsAtTheFirstNulAndIsEmptyOutOfRange()
        {
            Assert.Equal("ab", ByteReader.Latin1(new byte[] { (byte)'a', (byte)'b', 0, (byte)'c' }, 0, 4));
            Assert.Equal(string.Empty, ByteReader.Latin1(Four, 2, 4));
        }

        [Fact]
        public void Utf8StopsAtTheFirstNulAndIsEmptyOutOfRange()
        {
            Assert.Equal("é", ByteReader.Utf8(new byte[] { 0xC3, 0xA9, 0, (byte)'c' }, 0, 4));
            Assert.Equal(string.Empty, ByteReader.Utf8(Four, 2, 4));
        }
    }
}
