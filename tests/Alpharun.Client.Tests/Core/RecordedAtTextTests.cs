using System;
using System.Globalization;
using System.Threading;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>recorded_at text is ISO 8601 with an offset or refused, never guessed.</summary>
    public class RecordedAtTextTests
    {
        private static string Refusal(string text, string culture = "en-US")
        {
            CultureInfo saved = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo(culture);
                Assert.False(RecordedAtFormat.TryParse(text, out _, out string reason));
                return reason;
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        [Fact]
        public void ATimeWithoutADateIsRefusedRatherThanReadAsToday()
        {
            string today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal($"it is not ISO 8601 (yyyy-MM-ddTHH:mm:ss with Z or ±hh:mm), so its date would be guessed: it has no date, and would become today. Write the date too, e.g. {today}T14:30:00+00:00 for today",
                Refusal("14:30Z"));
        }

        [Fact]
        public void ACultureDependentDateIsRefusedShowingBothReadings()
        {
            Assert.Equal("it is not ISO 8601 (yyyy-MM-ddTHH:mm:ss with Z or ±hh:mm), so its date would be guessed. Write the date you mean in ISO form: "
                + "2024-02-01T10:00:00+01:00 (1 February 2024, as en-US reads it) or 2024-01-02T10:00:00+01:00 (2 January 2024)",
                Refusal("02/01/2024 10:00 +01:00"));
        }

        [Fact]
        public void AnAbbreviatedYearIsRefused()
        {
            Assert.Equal("it is not ISO 8601 (yyyy-MM-ddTHH:mm:ss with Z or ±hh:mm), so its date would be guessed. Write the date you mean in ISO form: "
                + "2003-02-01T04:05:00+00:00 (1 February 2003, as de-DE reads it) or 2003-01-02T04:05:00+00:00 (2 January 2003)",
                Refusal("1/2/3 4:05 +00:00", "de-DE"));
        }

        [Theory]
        [InlineData("2024-01-15T14:30:00-05:00", "2024-01-15T19:30:00Z")]
        [InlineData("2024-01-15T19:30Z", "2024-01-15T19:30:00Z")]
        [InlineData("2024-01-15 14:30:00.25+0100", "2024-01-15T13:30:00.25Z")]
        [InlineData("2024-01-15t19:30:00z", "2024-01-15T19:30:00Z")]
        public void IsoTextIsThatInstant(string text, string utc)
        {
            Assert.True(RecordedAtFormat.TryParse(text, out DateTimeOffset value, out _));
            Assert.Equal(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), value);
        }

        [Fact]
        public void TheFormattedFormParsesBackToTheSameValue()
        {
            var value = new DateTimeOffset(2024, 1, 15, 14, 30, 0, 250, TimeSpan.FromHours(-5));
            Assert.True(RecordedAtFormat.TryParse(RecordedAtFormat.Format(value), out DateTimeOffset back, out _));
            Assert.Equal(value, back);
            Assert.Equal(value.Offset, back.Offset);
        }
    }
}
