using System.Linq;
using Xunit;

namespace Alpharun.Tests.Core
{
    /// <summary>Server text is cleaned before it goes into a message: no controls, no escape codes, no piece of the key, bounded.</summary>
    public sealed class ServerTextTests
    {
        private const string Key = "sk_live_SERVERTEXT_0123qrst4567uvwxXYZ";

        [Theory]
        [InlineData("plain text", "plain text")]
        [InlineData("line one\r\nline two\ttabbed", "line one line two tabbed")]
        [InlineData("\u001b[31mred\u001b[0m and \u001b[1;4mbold\u001b[m", "red and bold")]
        [InlineData("\u001b]0;title\u0007after OSC", "after OSC")]
        [InlineData("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "link")]
        [InlineData("bell\u0007 nul\u0000 del\u007f c1\u0085end", "bell nul del c1 end")]
        [InlineData("bidi \u202Eevil\u202C \u2066x\u2069", "bidi evil x")]
        [InlineData("zero\u200Bwidth soft\u00ADhyphen joiner\u2060s bom\uFEFF", "zerowidth softhyphen joiners bom")]
        public void ControlCharactersAndEscapeSequencesAreRemoved(string raw, string clean)
        {
            Assert.Equal(clean, ServerText.Clean(raw));
        }

        [Fact]
        public void TheKeyAndEveryEightCharacterPieceOfItAreMaskedIgnoringCase()
        {
            string raw = $"Authorization: Bearer {Key}; lower {Key.ToLowerInvariant()}; piece {Key.Substring(10, 8)}; seven {Key.Substring(20, 7)}";

            Assert.Equal("Authorization: Bearer ***; lower ***; piece ***; seven " + Key.Substring(20, 7), ServerText.Clean(raw, ApiKey.FromPlainText(Key)));
        }

        [Fact]
        public void AKeySplitByAnEscapeSequenceIsStillMasked()
        {
            string raw = "echo " + Key.Substring(0, 12) + "\u001b[0m" + Key.Substring(12);

            Assert.Equal("echo ***", ServerText.Clean(raw, ApiKey.FromPlainText(Key)));
        }

        [Theory]
        [InlineData("\u200B")] // zero-width space
        [InlineData("\u00AD")] // soft hyphen
        [InlineData("\u2060")] // word joiner
        [InlineData("\u200D")] // zero-width joiner
        [InlineData("\uFEFF")] // zero-width no-break space (byte-order mark)
        public void AKeySplitByInvisibleCharactersIsMaskedAndTheCharactersDropped(string invisible)
        {
            string split = string.Join(invisible, Key.ToCharArray());

            Assert.Equal("echo ***!", ServerText.Clean("echo " + split + "!", ApiKey.FromPlainText(Key)));
            Assert.Equal("echo ***!", ServerText.MaskKey("echo " + split + "!", Key));
        }

        [Fact]
        public void AKeyInFullWidthLettersIsMasked()
        {
            // U+FF01..U+FF5E are the full-width forms of ASCII '!'..'~': what a terminal shows as the key, wider.
            string wide = new string(Key.Select(c => c >= '!' && c <= '~' ? (char)(c - '!' + 0xFF01) : c).ToArray());

            Assert.Equal("key: ***", ServerText.Clean("key: " + wide, ApiKey.FromPlainText(Key)));
        }

        [Fact]
        public void APieceOfTheKeyInMathematicalLettersOutsideTheBasicPlaneIsMasked()
        {
            // U+1D41A.. MATHEMATICAL BOLD SMALL A..: surrogate pairs whose NFKC form is the plain letter.
            string piece = Key.Substring(0, 8).ToLowerInvariant();
            string bold = string.Concat(piece.Select(c => c >= 'a' && c <= 'z' ? char.ConvertFromUtf32(0x1D41A + (c - 'a')) : c.ToString()));

            Assert.Equal("[***]", ServerText.MaskKey("[" + bold + "]", Key));
        }

        [Fact]
        public void RevealsSaysWhetherAnyDisguiseOfAPieceOfTheKeyIsInTheText()
        {
            var key = ApiKey.FromPlainText(Key);

            Assert.True(ServerText.Reveals("x" + Key.Substring(3, 8).ToUpperInvariant(), key));
            Assert.True(ServerText.Reveals(string.Join("\u00AD", Key.Substring(3, 8).ToCharArray()), key));
            Assert.False(ServerText.Reveals(Key.Substring(3, 7), key));
            Assert.False(ServerText.Reveals(null, key));
        }

        [Fact]
        public void TextAroundAMaskedKeyKeepsItsOwnCompatibilityCharacters()
        {
            // Only the characters that fold into the key are masked; the rest of the text is shown as it came.
            Assert.Equal("ｗｉｄｅ *** ﬁn", ServerText.MaskKey("ｗｉｄｅ " + Key + " ﬁn", Key));
        }

        [Fact]
        public void LongTextIsCutAtTheBoundWithAnEllipsis()
        {
            string clean = ServerText.Clean(new string('a', 600))!;

            Assert.Equal(ServerText.MaxLength + 1, clean.Length);
            Assert.EndsWith("a…", clean);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData(" \r\n\u001b[0m ")]
        public void BlankTextIsNull(string? raw)
        {
            Assert.Null(ServerText.Clean(raw));
        }
    }
}
