using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// JsonNumber writes a double as .NET 10 does ("R", shortest round trip) with its own exact arithmetic, so that
    /// Windows PowerShell 5.1 (whose netstandard System.Text.Json writes "G17") sends the same bytes. .NET 10's own
    /// formatting is the reference here; ShippedJsonNumberTests runs the shipped netstandard assemblies.
    /// </summary>
    public class JsonNumberTests
    {
        [Theory]
        [InlineData(0.1, "0.1")]
        [InlineData(0.3, "0.3")]
        [InlineData(0.1 + 0.2, "0.30000000000000004")]
        [InlineData(1e21, "1E+21")]
        [InlineData(1e15, "1000000000000000")]
        [InlineData(1e17, "1E+17")]
        [InlineData(-62470722421862560d, "-62470722421862560")]
        [InlineData(1e14, "100000000000000")]
        [InlineData(123456789012345.6, "123456789012345.6")]
        [InlineData(9007199254740993d, "9007199254740992")]
        [InlineData(1.2345678901234568E+17, "1.2345678901234568E+17")]
        [InlineData(0.0001, "0.0001")]
        [InlineData(0.00001, "1E-05")]
        [InlineData(-0.0, "-0")]
        [InlineData(0.0, "0")]
        [InlineData(double.Epsilon, "5E-324")]
        [InlineData(double.MaxValue, "1.7976931348623157E+308")]
        [InlineData(double.MinValue, "-1.7976931348623157E+308")]
        [InlineData(2.2250738585072014E-308, "2.2250738585072014E-308")]
        [InlineData(5e-324 * 3, "1.5E-323")]
        [InlineData(-19.5, "-19.5")]
        [InlineData(1.52587890625E-05, "1.52587890625E-05")]
        [InlineData(100.0, "100")]
        public void WritesTheShortestRoundTripFormAsDotNet10Does(double value, string expected)
        {
            Assert.Equal(expected, JsonNumber.Format(value));
            Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), JsonNumber.Format(value));
        }

        [Fact]
        public void ReadsBackWhereDotNet10sOwnShortestTextDoesNot()
        {
            // .NET 10 writes 2^-25 as 2.980232238769531E-08, which reads back as the double below it.
            double value = Math.Pow(2, -25);
            Assert.NotEqual(value, double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

            Assert.Equal("2.9802322387695312E-08", JsonNumber.Format(value));
            Assert.Equal(value, double.Parse(JsonNumber.Format(value), CultureInfo.InvariantCulture));
        }

        [Fact]
        public void MatchesDotNet10OnPowersOfTwoAndTenAndTheirNeighbours()
        {
            var mismatches = new List<string>();
            for (int e = -1074; e <= 1023; e++)
            {
                double p = Math.Pow(2, e);
                Check(p, mismatches);
                Check(Math.BitDecrement(p), mismatches);
                Check(Math.BitIncrement(p), mismatches);
            }
            for (int e = -323; e <= 308; e++)
            {
                double p = double.Parse("1e" + e.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                Check(p, mismatches);
                Check(Math.BitDecrement(p), mismatches);
                Check(Math.BitIncrement(p), mismatches);
            }
            Assert.Empty(mismatches);
        }

        [Fact]
        public void MatchesDotNet10OnRandomDoublesOfEveryMagnitude()
        {
            var random = new Random(20261207);
            var mismatches = new List<string>();
            byte[] bytes = new byte[8];
            for (int i = 0; i < 100_000; i++)
            {
                random.NextBytes(bytes);
                double value = BitConverter.ToDouble(bytes, 0);
                if (double.IsNaN(value) || double.IsInfinity(value)) continue;
                Check(value, mismatches);
                // Values people type: a few decimal digits.
                Check(Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-8, 20)), random.Next(0, 6)), mismatches);
            }
            Assert.Empty(mismatches);
        }

        [Fact]
        public void EveryTextReadsBackAsTheSameDouble()
        {
            var random = new Random(7);
            byte[] bytes = new byte[8];
            for (int i = 0; i < 20_000; i++)
            {
                random.NextBytes(bytes);
                double value = BitConverter.ToDouble(bytes, 0);
                if (double.IsNaN(value) || double.IsInfinity(value)) continue;
                string text = JsonNumber.Format(value);
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)));
                using JsonDocument parsed = JsonDocument.Parse(text);
                Assert.Equal(value, parsed.RootElement.GetDouble());
            }
        }

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity)]
        public void HasNoTextForWhatJsonCannotHold(double value) => Assert.Throws<ArgumentOutOfRangeException>(() => JsonNumber.Format(value));

        [Fact]
        public void TheContactsJsonCarriesCustomFieldDoublesInThatForm()
        {
            var contact = new Contact(email: "bob@client.com", customFields: new[]
            {
                new CustomField("tenth", 0.1), new CustomField("big", 1e21), new CustomField("beyond", 9007199254740993L),
                new CustomField("max", decimal.MaxValue), new CustomField("negzero", -0.0), new CustomField("eps", double.Epsilon),
            });

            string json = Encoding.UTF8.GetString(ContactsJson.Encode(new[] { contact }));

            Assert.Equal("[{\"email\":\"bob@client.com\",\"custom_fields\":[{\"key\":\"tenth\",\"value\":0.1},{\"key\":\"big\",\"value\":1E+21},"
                + "{\"key\":\"beyond\",\"value\":9007199254740993},{\"key\":\"max\",\"value\":79228162514264337593543950335},"
                + "{\"key\":\"negzero\",\"value\":-0},{\"key\":\"eps\",\"value\":5E-324}]}]", json);
        }

        [Fact]
        public void ACustomFieldPrintsItsDoubleInThatFormToo() =>
            Assert.Equal("score=0.30000000000000004", new CustomField("score", 0.1 + 0.2).ToString());

        // The same text as .NET 10, except where .NET 10's own text does not read back as the value (a few powers of
        // two, e.g. 2^-25): there the text here must, with no more than 17 digits.
        private static void Check(double value, List<string> mismatches)
        {
            if (double.IsInfinity(value) || mismatches.Count > 20) return;
            string expected = value.ToString("R", CultureInfo.InvariantCulture);
            string actual = JsonNumber.Format(value);
            if (expected == actual) return;
            bool dotNetReadsBack = double.Parse(expected, CultureInfo.InvariantCulture).Equals(value);
            bool oursReadsBack = double.Parse(actual, CultureInfo.InvariantCulture).Equals(value);
            if (dotNetReadsBack || !oursReadsBack) mismatches.Add($"{BitConverter.DoubleToInt64Bits(value):X16}: .NET 10 {expected}, JsonNumber {actual}");
        }
    }
}
