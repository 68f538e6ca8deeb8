using System;
using System.Security;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>
    /// The one rule for a key that cannot be sent in the Authorization header (issue 16): refused where it enters,
    /// whatever the source, with a message that names the problem, the source and the fix, and never the key.
    /// </summary>
    public class ApiKeyRuleTests
    {
        private const string Key = "sk_live_RULECANARY_0123qrst";

        private static SecureString Secure(string text)
        {
            var s = new SecureString();
            foreach (char c in text) s.AppendChar(c);
            return s;
        }

        [Theory]
        [InlineData("", ApiKeyProblem.Empty)]
        [InlineData("   ", ApiKeyProblem.Empty)]
        [InlineData("\n", ApiKeyProblem.Empty)]
        [InlineData(Key + "\n", ApiKeyProblem.TrailingLineBreak)]
        [InlineData(Key + "\r\n", ApiKeyProblem.TrailingLineBreak)]
        [InlineData(" " + Key + " \r\n", ApiKeyProblem.TrailingLineBreak)]
        [InlineData("sk_live\nRULE", ApiKeyProblem.LineBreak)]
        [InlineData("sk_live\rRULE", ApiKeyProblem.LineBreak)]
        [InlineData("sk_live\u2028RULE", ApiKeyProblem.LineBreak)]
        [InlineData("s\0k\0_\0l\0", ApiKeyProblem.Nul)]
        [InlineData("\0" + Key, ApiKeyProblem.Nul)]
        [InlineData("\n" + Key, ApiKeyProblem.LineBreak)]
        [InlineData("\r" + Key, ApiKeyProblem.LineBreak)]
        [InlineData("\u2028" + Key, ApiKeyProblem.LineBreak)]
        [InlineData(Key + "\u007F", ApiKeyProblem.ControlCharacter)]
        [InlineData("sk~live\u00E9", ApiKeyProblem.NonAscii)]
        [InlineData(Key + "\0", ApiKeyProblem.Nul)]
        [InlineData("sk_live\tRULE", ApiKeyProblem.ControlCharacter)]
        [InlineData("sk_live\u001bRULE", ApiKeyProblem.ControlCharacter)]
        [InlineData(" " + Key, ApiKeyProblem.SurroundingSpace)]
        [InlineData(Key + " ", ApiKeyProblem.SurroundingSpace)]
        [InlineData(Key + "\t", ApiKeyProblem.SurroundingSpace)]
        [InlineData("\u00A0" + Key, ApiKeyProblem.SurroundingSpace)]
        [InlineData("\uFEFF" + Key, ApiKeyProblem.NonAscii)]
        [InlineData("sk_live_\u00E9t\u00E9", ApiKeyProblem.NonAscii)]
        [InlineData("sk_live_\u200BRULE", ApiKeyProblem.NonAscii)]
        public void AKeyThatCannotBeSentHasItsProblemNamed(string text, ApiKeyProblem problem)
        {
            Assert.Equal(problem, ApiKey.FindProblem(text));
            var fromText = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromPlainText(text, "$env:ALPHARUN_API_KEY"));
            var fromSecure = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromSecureString(Secure(text), "The key given with -ApiKey"));

            Assert.Equal((problem, "InvalidApiKey"), (fromText.Problem, fromText.ErrorId));
            Assert.Equal(problem, fromSecure.Problem);
            Assert.StartsWith("$env:ALPHARUN_API_KEY ", fromText.Message);
            Assert.StartsWith("The key given with -ApiKey ", fromSecure.Message);
            Assert.DoesNotContain("RULE", fromText.Message);
            Assert.DoesNotContain("(Parameter", fromText.Message);
        }

        [Theory]
        [InlineData(Key)]
        [InlineData("a")]
        [InlineData("key with inner spaces")]
        [InlineData("ABC-def.ghi_jkl~mno+pqr/stu=")]
        [InlineData("~" + Key + "~")]
        public void AKeyThatCanBeSentIsTakenExactly(string text)
        {
            Assert.Null(ApiKey.FindProblem(text));
            Assert.Equal(text, ApiKey.FromPlainText(text, "x").Reveal());
            Assert.Equal(text, ApiKey.FromSecureString(Secure(text), "x").Reveal());
        }

        [Fact]
        public void ATrailingLineBreakSaysToReadTheKeyWithGetContentRawTrim()
        {
            var e = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromPlainText(Key + "\r\n", "The key given with -ApiKey"));

            Assert.Equal("The key given with -ApiKey ends with a line break, which cannot be sent in the Authorization header; a key read whole from a file keeps the file's last line break: read it with (Get-Content -Raw).Trim(), e.g. (Get-Content key.txt -Raw).Trim() | ConvertTo-SecureString -AsPlainText -Force.", e.Message);
            Assert.Equal("plainText", e.ParamName);
        }

        [Theory]
        [InlineData("sk\nlive", "holds a line break, which cannot be sent in the Authorization header: it spans more than one line. Pass the key alone, on one line.")]
        [InlineData("sk\0live", "holds a NUL character, which cannot be sent in the Authorization header; a key read as bytes from a UTF-16 (Unicode) file looks like this. Read it with (Get-Content -Raw).Trim(), which decodes the file.")]
        [InlineData("sk\u0007live", "holds the control character U+0007, which cannot be sent in the Authorization header. Pass the key without it.")]
        [InlineData("sklive\u007F", "holds the control character U+007F, which cannot be sent in the Authorization header. Pass the key without it.")]
        [InlineData(" sklive", "starts with a space, which is not part of the key. Remove it: pass the key's .Trim().")]
        [InlineData("sklive ", "ends with a space, which is not part of the key. Remove it: pass the key's .Trim().")]
        [InlineData("\uFEFFsklive", "holds the character U+FEFF (a byte-order mark, left by reading a file without its encoding: read it with (Get-Content -Raw).Trim()), which is not ASCII and cannot be sent in the Authorization header. Type or paste the key again, without it.")]
        [InlineData("sk\u00A0live", "holds the character U+00A0 (a no-break space, often copied along with the key), which is not ASCII and cannot be sent in the Authorization header. Type or paste the key again, without it.")]
        [InlineData("sk\u00E9live", "holds the character U+00E9, which is not ASCII and cannot be sent in the Authorization header. Type or paste the key again, without it.")]
        [InlineData("sk~live\u00E9", "holds the character U+00E9, which is not ASCII and cannot be sent in the Authorization header. Type or paste the key again, without it.")]
        [InlineData("", "is empty. Pass the key Alpharun gave you, e.g. Connect-Alpharun -ApiKey (Read-Host -AsSecureString 'Alpharun API key').")]
        public void EachProblemSaysWhatToDo(string text, string message)
        {
            Assert.Equal("The API key " + message, Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromPlainText(text)).Message);
        }

        [Fact]
        public void NoKeyAtAllIsAnEmptyKey()
        {
            var e = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromPlainText(null!, "$env:ALPHARUN_API_KEY"));

            Assert.Equal(ApiKeyProblem.Empty, e.Problem);
            Assert.StartsWith("$env:ALPHARUN_API_KEY is empty.", e.Message);
        }

        [Fact]
        public void AnInvalidKeyIsStillAnArgumentExceptionNamingItsParameter()
        {
            ArgumentException e = Assert.Throws<InvalidApiKeyException>(() => ApiKey.FromSecureString(Secure("k\n")));

            Assert.Equal("secret", e.ParamName);
        }
    }
}
