using System;
using System.Security;
using Xunit;

namespace Alpharun.Tests
{
    public class ApiKeyTests
    {
        private static SecureString Secure(string text)
        {
            var s = new SecureString();
            foreach (char c in text) s.AppendChar(c);
            return s;
        }

        [Fact]
        public void KeyFromASecureStringIsACopyThatMatchesItsText()
        {
            SecureString secret = Secure("ar_live_123");
            ApiKey key = ApiKey.FromSecureString(secret);
            secret.AppendChar('x');

            Assert.True(key.Matches("ar_live_123"));
            Assert.False(key.Matches("ar_live_123x"));
            Assert.Equal("ar_live_123", key.Reveal());
        }

        [Fact]
        public void NullSecureStringIsRefusedByName()
        {
            var e = Assert.Throws<ArgumentNullException>(() => ApiKey.FromSecureString(null!));
            Assert.Equal("secret", e.ParamName);
        }

        [Fact]
        public void EmptySecureStringIsRefusedAsAnEmptyKey()
        {
            var e = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromSecureString(new SecureString()));
            Assert.Equal("secret", e.ParamName);
            Assert.StartsWith("The API key is empty.", e.Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData(" \t ")]
        public void BlankPlainTextIsRefusedAsAnEmptyKey(string text)
        {
            var e = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromPlainText(text));
            Assert.Equal("plainText", e.ParamName);
            Assert.StartsWith("The API key is empty.", e.Message);
        }

        [Fact]
        public void PlainTextIsTakenExactlyAndNeverPrinted()
        {
            ApiKey key = ApiKey.FromPlainText("ar_live_123");
            Assert.Equal("ar_live_123", key.Reveal());
            Assert.Equal("***", key.ToString());
        }

        [Fact]
        public void PlainTextWithSpacesAndALineBreakIsRefusedNotTrimmed()
        {
            // It used to be trimmed silently; now the rule is one for every source: refused, saying how to fix it.
            var e = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromPlainText("  ar_live_123\n"));
            Assert.Equal(ApiKeyProblem.TrailingLineBreak, e.Problem);
            Assert.DoesNotContain("ar_live_123", e.Message);
        }
    }
}
