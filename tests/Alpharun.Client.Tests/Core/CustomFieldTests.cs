using System;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>Custom field values are narrowed to what JSON holds: string, long, double, decimal, bool or null.</summary>
    public class CustomFieldTests
    {
        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("  ")]
        public void BlankKeyIsRefusedByName(string? key)
        {
            var e = Assert.Throws<InvalidCustomFieldException>(() => new CustomField(key!, "v"));
            Assert.Equal("key", e.ParamName);
            Assert.Equal("A custom field needs a non-empty key.", e.Message);
        }

        [Fact]
        public void KeyIsTrimmed() => Assert.Equal("plan", new CustomField(" plan ", "pro").Key);

        [Fact]
        public void NullAndDbNullAreNullAndPrintAsNull()
        {
            Assert.Equal("notes=null", new CustomField("notes", null).ToString());
            Assert.Null(new CustomField("notes", DBNull.Value).Value);
        }

        [Fact]
        public void ValuesPrintInTheInvariantForm() => Assert.Equal("price=19.5", new CustomField("price", 19.5m).ToString());

        [Fact]
        public void CharIsText() => Assert.Equal("A", Assert.IsType<string>(new CustomField("initial", 'A').Value));

        [Fact]
        public void UlongUpToLongMaxValueIsALong()
        {
            Assert.Equal(5L, Assert.IsType<long>(new CustomField("n", 5UL).Value));
            Assert.Equal(long.MaxValue, Assert.IsType<long>(new CustomField("n", (ulong)long.MaxValue).Value));
        }

        [Fact]
        public void UlongAboveLongMaxValueIsADecimalWithAllItsDigits() =>
            Assert.Equal(18446744073709551615m, Assert.IsType<decimal>(new CustomField("n", ulong.MaxValue).Value));

        [Fact]
        public void FloatIsADouble() => Assert.Equal(1.5d, Assert.IsType<double>(new CustomField("score", 1.5f).Value));

        [Theory]
        [InlineData(float.NaN)]
        [InlineData(float.PositiveInfinity)]
        [InlineData(float.NegativeInfinity)]
        public void FloatsJsonCannotHoldAreRefused(float value)
        {
            // The text alone: no " (Parameter 'value')" from ArgumentException, which the user would read at the end of the error.
            var e = Assert.Throws<InvalidCustomFieldException>(() => new CustomField("score", value));
            Assert.Equal("Custom field 'score' has a value of type System.Single. Custom field values must be a string, a number, a boolean or null.", e.Message);
            Assert.Equal("value", e.ParamName);
        }
    }
}
