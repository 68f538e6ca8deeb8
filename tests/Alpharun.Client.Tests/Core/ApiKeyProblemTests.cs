using System;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// The edges of the rule for a key that cannot be sent (<see cref="ApiKey.FindProblem"/>): the offending character at
    /// the very start, the last printable ASCII character (~, 0x7E) against DEL (0x7F), and a missing key. Fake keys only.
    /// </summary>
    public class ApiKeyProblemTests
    {
        private const string Key = "fake_key_for_tests_0123456789";

        [Fact]
        public void ANulAtTheVeryStartIsANul()
        {
            Assert.Equal(ApiKeyProblem.Nul, ApiKey.FindProblem("\0" + Key));
            Assert.Equal(ApiKeyProblem.Nul, Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromPlainText("\0" + Key)).Problem);
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r")]
        [InlineData("\u2028")]
        public void ALineBreakAtTheVeryStartIsALineBreak(string lineBreak)
        {
            Assert.Equal(ApiKeyProblem.LineBreak, ApiKey.FindProblem(lineBreak + Key));
        }

        [Fact]
        public void ATildeIsPrintableAsciiAndCanBeSent()
        {
            Assert.Null(ApiKey.FindProblem("~" + Key + "~"));
        }

        [Fact]
        public void DelIsAControlCharacterNamedByItsCode()
        {
            var e = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromPlainText(Key + "\u007F"));

            Assert.Equal(ApiKeyProblem.ControlCharacter, e.Problem);
            Assert.Equal("The API key holds the control character U+007F, which cannot be sent in the Authorization header. Pass the key without it.", e.Message);
        }

        [Fact]
        public void TheNonAsciiCharacterNamedIsTheFirstOneAboveTildeNotTheTildeBeforeIt()
        {
            var e = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromPlainText("fake~key\u00E9" + Key));

            Assert.Equal(ApiKeyProblem.NonAscii, e.Problem);
            Assert.Equal("The API key holds the character U+00E9, which is not ASCII and cannot be sent in the Authorization header. Type or paste the key again, without it.", e.Message);
        }

        [Fact]
        public void NoKeyAtAllIsAnEmptyKey()
        {
            var e = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromPlainText(null!, "$env:ALPHARUN_API_KEY"));

            Assert.Equal(ApiKeyProblem.Empty, e.Problem);
            Assert.StartsWith("$env:ALPHARUN_API_KEY is empty.", e.Message);
        }
    }
}
