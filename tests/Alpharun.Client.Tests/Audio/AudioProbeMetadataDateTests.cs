using System;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>Reading a recording date from metadata text: with or without a zone, and what is too vague or too long.</summary>
    public class AudioProbeMetadataDateTests
    {
        [Fact]
        public void ADateWithAnOffsetKeepsThatOffset()
        {
            MetadataDate? date = MetadataDate.Parse("2024-01-15T14:30:00+02:00", "TDRC");
            Assert.NotNull(date);
            Assert.True(date!.HasZone);
            Assert.Equal(new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(2)), date.Value);
            Assert.Equal(TimeSpan.FromHours(2), date.Value.Offset);
            Assert.Equal("TDRC", date.Tag);
        }

        [Fact]
        public void ADateWithoutAZoneIsReadInTheLocalZone()
        {
            MetadataDate? date = MetadataDate.Parse("2024-01-15 14:30:00", "ICRD");
            Assert.NotNull(date);
            Assert.False(date!.HasZone);
            Assert.Equal(new DateTimeOffset(new DateTime(2024, 1, 15, 14, 30, 0, DateTimeKind.Local)), date.Value);
        }

        [Fact]
        public void TextOfFortyCharactersIsStillRead()
        {
            // Inner white space is allowed: padded to exactly 40 characters.
            string text = "2024-01-15" + new string(' ', 21) + "14:30:00Z";
            Assert.Equal(40, text.Length);
            Assert.Equal(new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.Zero), MetadataDate.Parse(text, "DATE")!.Value);
        }

        [Fact]
        public void TextLongerThanFortyCharactersIsNotADate() =>
            Assert.Null(MetadataDate.Parse("2024-01-15" + new string(' ', 22) + "14:30:00Z", "DATE"));

        [Fact]
        public void ToStringShowsTheInstantAndItsTag() =>
            Assert.Equal("2024-01-15T14:30:00+02:00 (TDRC)", MetadataDate.Parse("2024-01-15T14:30:00+02:00", "TDRC")!.ToString());

        [Fact]
        public void ToStringSaysWhenTheLocalZoneWasAssumed()
        {
            MetadataDate date = new MetadataDate(new DateTimeOffset(2024, 1, 15, 14, 30, 0, TimeSpan.FromHours(1)), false, "bext");
            Assert.Equal("2024-01-15T14:30:00+01:00 (bext, no zone: local assumed)", date.ToString());
        }
    }
}
