using System.Collections.Generic;
using System.Linq;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>
    /// The sandbox's header value parser on its own: the Content-Type and Content-Disposition syntax a real client never
    /// sends (escapes, RFC 8187 extended values, stray whitespace, duplicates), so each rule has a case of its own.
    /// </summary>
    public sealed class HeaderValueParserTests
    {
        [Theory]
        [InlineData("form-data", "form-data", "")]
        [InlineData("  form-data\t ; a=1", "form-data", "[a:1]")]
        [InlineData("; a=1", "", "[a:1]")]
        [InlineData(";a=1", "", "[a:1]")]
        [InlineData("form-data; name=\"x\"; filename=y.wav", "form-data", "[name:x][filename:y.wav]")]
        [InlineData("form-data;name=x;;; ;b=2", "form-data", "[name:x][b:2]")]
        [InlineData("form-data; a=1; ", "form-data", "[a:1]")]
        [InlineData("form-data; a=1;\t", "form-data", "[a:1]")]
        [InlineData("form-data;  \t", "form-data", "")]
        public void ValueAndParametersAreSplitAtSemicolons(string header, string value, string parameters)
        {
            Assert.True(HeaderValueParser.TryParse(header, out string parsed, out Dictionary<string, string> dictionary, out string error));

            Assert.Equal((value, parameters, string.Empty), (parsed, Render(dictionary), error));
        }

        [Theory]
        [InlineData("form-data; flag; a=1", "[a:1]")]
        [InlineData("form-data; a=1; flag", "[a:1]")]
        [InlineData("form-data; flag;a=1", "[a:1]")]
        [InlineData("form-data; =orphan; a=1", "[a:1]")]
        [InlineData("form-data;  = \"orphan\"; a=1", "[a:1]")]
        public void ParameterWithoutNameOrWithoutEqualsSignIsDropped(string header, string parameters)
        {
            Assert.True(HeaderValueParser.TryParse(header, out _, out Dictionary<string, string> dictionary, out _));

            Assert.Equal(parameters, Render(dictionary));
        }

        [Theory]
        [InlineData("form-data; a=", "[a:]")]
        [InlineData("form-data; a= ", "[a:]")]
        [InlineData("form-data; a=\t", "[a:]")]
        [InlineData("form-data; a=; b=2", "[a:][b:2]")]
        [InlineData("form-data; a=\"\"; b=2", "[a:][b:2]")]
        public void ParameterWithEqualsSignButNoValueIsEmpty(string header, string parameters)
        {
            Assert.True(HeaderValueParser.TryParse(header, out _, out Dictionary<string, string> dictionary, out _));

            Assert.Equal(parameters, Render(dictionary));
        }

        [Theory]
        [InlineData("form-data; name = audio ; b=2", "[name:audio][b:2]")]
        [InlineData("form-data;\tname\t=\taudio\t;\tb=2", "[name:audio][b:2]")]
        [InlineData("form-data; name= \"a b\" ; b=2", "[name:a b][b:2]")]
        [InlineData("form-data; name=\t\"a b\"", "[name:a b]")]
        [InlineData("form-data; name=a b", "[name:a b]")]
        public void WhitespaceAroundNamesEqualsSignsAndValuesIsIgnored(string header, string parameters)
        {
            Assert.True(HeaderValueParser.TryParse(header, out _, out Dictionary<string, string> dictionary, out _));

            Assert.Equal(parameters, Render(dictionary));
        }

        [Theory]
        [InlineData("form-data; name=\"a\\\"b\"", "a\"b")]
        [InlineData("form-data; name=\"a\\\\b\"", "a\\b")]
        [InlineData("form-data; name=\"\\a\\b\\c\"", "abc")]
        [InlineData("form-data; name=\"semi;colon=equals\"", "semi;colon=equals")]
        [InlineData("form-data; name=\"  padded  \"", "  padded  ")]
        [InlineData("form-data; name=\"\\\"\"", "\"")]
        [InlineData("form-data; name=\"\\\\\"", "\\")]
        public void QuotedStringTakesEachBackslashedCharacterLiterally(string header, string name)
        {
            Assert.True(HeaderValueParser.TryParse(header, out _, out Dictionary<string, string> dictionary, out _));

            Assert.Equal($"[name:{name}]", Render(dictionary));
        }

        [Fact]
        public void TextAfterAClosingQuoteIsNotPartOfTheValue()
        {
            Assert.True(HeaderValueParser.TryParse("form-data; name=\"a\"; b=\"x\"y; c=3", out _, out Dictionary<string, string> dictionary, out _));

            // The stray 'y' is read as a parameter without '=' and dropped.
            Assert.Equal("[name:a][b:x][c:3]", Render(dictionary));
        }

        [Theory]
        [InlineData("form-data; name=\"audio", "name")]
        [InlineData("form-data; name=audio; filename=\"a.wav", "filename")]
        [InlineData("form-data; filename=\"ends in backslash\\", "filename")]
        [InlineData("form-data; filename=\"escaped quote\\\"", "filename")]
        [InlineData("form-data; x=\"", "x")]
        public void QuotedStringWithoutClosingQuoteIsAnError(string header, string parameter)
        {
            Assert.False(HeaderValueParser.TryParse(header, out _, out _, out string error));

            Assert.Equal($"The {parameter} parameter's quoted string has no closing quote.", error);
        }

        [Fact]
        public void FirstOccurrenceOfAParameterWinsWhateverItsCase()
        {
            Assert.True(HeaderValueParser.TryParse("form-data; Name=first; NAME=second; name=\"third\"", out _, out Dictionary<string, string> dictionary, out _));

            Assert.Equal("[Name:first]", Render(dictionary));
            Assert.Equal("first", dictionary["name"]);
            Assert.Equal("first", dictionary["NAME"]);
        }

        [Theory]
        [InlineData("UTF-8''%e2%82%ac", "€")]
        [InlineData("UTF-8''%E2%82%AC", "€")]
        [InlineData("UTF-8''%E2%82%aC.wav", "€.wav")]
        [InlineData("utf-8''caf%C3%A9", "café")]
        [InlineData("Utf-8'en'caf%c3%a9", "café")]
        [InlineData("UTF-8'de-CH'x", "x")]
        [InlineData("UTF-8''%30%39%41%46%61%66", "09AFaf")]
        [InlineData("UTF-8''!~#$&+-.^_`|", "!~#$&+-.^_`|")]
        [InlineData("UTF-8''", "")]
        [InlineData("UTF-8''it's", "it's")]
        public void Utf8ExtendedValueIsPercentDecoded(string extended, string expected)
        {
            Assert.True(HeaderValueParser.TryDecodeExtendedValue(extended, out string decoded));

            Assert.Equal(expected, decoded);
        }

        [Theory]
        [InlineData("ISO-8859-1''Zo%EB", "Zo\u00EB")]
        [InlineData("iso-8859-1'fr'%e9t%E9", "\u00E9t\u00E9")]
        [InlineData("ISO-8859-1''%00%09%90%99%A0%a0%F0%f0%AF%af%FF%fF", "\u0000\u0009\u0090\u0099\u00A0\u00A0\u00F0\u00F0\u00AF\u00AF\u00FF\u00FF")]
        [InlineData("ISO-8859-1''%C3%A9", "\u00C3\u00A9")]
        public void Latin1ExtendedValueMapsEachByteToTheSameCharacter(string extended, string expected)
        {
            Assert.True(HeaderValueParser.TryDecodeExtendedValue(extended, out string decoded));

            Assert.Equal(expected, decoded);
        }

        [Theory]
        [InlineData("UTF-8%41")]
        [InlineData("UTF-8'%41")]
        [InlineData("'en'abc")]
        [InlineData("''abc")]
        [InlineData("UTF8''abc")]
        [InlineData("UTF-16''abc")]
        [InlineData("US-ASCII''abc")]
        [InlineData("x-unknown''abc")]
        [InlineData("UTF-8 ''abc")]
        public void ExtendedValueWithoutTwoQuotesOrWithAnUnknownCharsetIsRefused(string extended)
        {
            Assert.False(HeaderValueParser.TryDecodeExtendedValue(extended, out string decoded));

            Assert.Equal(string.Empty, decoded);
        }

        [Theory]
        [InlineData("UTF-8''%")]
        [InlineData("UTF-8''a%4")]
        [InlineData("UTF-8''a%41%4")]
        [InlineData("UTF-8''%G1")]
        [InlineData("UTF-8''%1G")]
        [InlineData("UTF-8''%g1")]
        [InlineData("UTF-8''%1g")]
        [InlineData("UTF-8''%/0")]
        [InlineData("UTF-8''%0/")]
        [InlineData("UTF-8''%:0")]
        [InlineData("UTF-8''%0:")]
        [InlineData("UTF-8''%@0")]
        [InlineData("UTF-8''%0@")]
        [InlineData("UTF-8''%`0")]
        [InlineData("UTF-8''%0`")]
        [InlineData("UTF-8''%-1")]
        [InlineData("ISO-8859-1''%ZZ")]
        public void ExtendedValueWithABadPercentEscapeIsRefused(string extended)
        {
            Assert.False(HeaderValueParser.TryDecodeExtendedValue(extended, out string decoded));

            Assert.Equal(string.Empty, decoded);
        }

        [Theory]
        [InlineData("UTF-8''a b")]
        [InlineData("UTF-8''a\tb")]
        [InlineData("UTF-8''a\u007Fb")]
        [InlineData("UTF-8''caf\u00E9")]
        [InlineData("ISO-8859-1''caf\u00E9")]
        [InlineData("UTF-8''\u0000")]
        public void ExtendedValueWithACharacterThatMustBeEscapedIsRefused(string extended)
        {
            Assert.False(HeaderValueParser.TryDecodeExtendedValue(extended, out _));
        }

        [Theory]
        [InlineData("UTF-8''%FF")]
        [InlineData("UTF-8''%C3")]
        [InlineData("UTF-8''%E2%82")]
        [InlineData("UTF-8''%C0%AF")]
        [InlineData("UTF-8''%ED%A0%80")]
        public void Utf8ExtendedValueWithInvalidUtf8BytesIsRefused(string extended)
        {
            Assert.False(HeaderValueParser.TryDecodeExtendedValue(extended, out _));
        }

        private static string Render(Dictionary<string, string> parameters) =>
            string.Concat(parameters.Select(p => $"[{p.Key}:{p.Value}]"));
    }
}
