using Xunit;

namespace Alpharun.Tests
{
    public class PhoneNumberRuleTests
    {
        [Theory]
        [InlineData("123")]
        [InlineData("+123")]
        [InlineData("+1 000 999 0000")]
        [InlineData("(555) 123-4567")]
        [InlineData("555.123/4567")]
        [InlineData("12345678901234567890")]
        [InlineData("+1234567890 1234567890")]
        public void ThreeToTwentyDigitsWithAnOptionalPlusAndSeparatorsAreAPhoneNumber(string value) =>
            Assert.True(PhoneNumberRule.IsValid(value), value);

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("12")]
        [InlineData("+12")]
        [InlineData("123456789012345678901")]
        [InlineData("555-CALL-NOW")]
        [InlineData("1+23")]
        [InlineData("++123")]
        [InlineData("123#4")]
        public void FewerThanThreeOrMoreThanTwentyDigitsOrOtherCharactersAreNot(string? value) =>
            Assert.False(PhoneNumberRule.IsValid(value), value);

        [Theory]
        [InlineData("+1 (555) 123-4567", "+15551234567")]
        [InlineData(" 555.123/4567 ", "5551234567")]
        [InlineData("+0 909", "+0909")]
        public void NormalFormKeepsTheLeadingPlusAndTheDigitsOnly(string value, string expected) =>
            Assert.Equal(expected, PhoneNumberRule.Normalize(value));
    }
}
