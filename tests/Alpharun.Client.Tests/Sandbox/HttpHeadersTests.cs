using System.Linq;
using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>Request headers: case-insensitive names, repeated headers, comma-separated tokens.</summary>
    public sealed class HttpHeadersTests
    {
        private static HttpHeaders With(params string[] nameValues)
        {
            var headers = new HttpHeaders();
            for (int i = 0; i < nameValues.Length; i += 2) headers.Add(nameValues[i], nameValues[i + 1]);
            return headers;
        }

        [Fact]
        public void RepeatedHeaderKeepsEveryValueInOrder()
        {
            HttpHeaders headers = With("Accept", "a", "X-Other", "o", "accept", "b");

            Assert.Equal(3, headers.Count);
            Assert.Equal("a, b", headers.Get("ACCEPT"));
            Assert.Equal(new[] { "Accept:a", "X-Other:o", "accept:b" }, headers.All.Select(h => h.Key + ":" + h.Value));
        }

        [Fact]
        public void AbsentHeaderIsNullAndHasNoTokens()
        {
            HttpHeaders headers = With("A", "1");

            Assert.False(headers.Contains("B"));
            Assert.True(headers.Contains("a"));
            Assert.Null(headers.Get("B"));
            Assert.Empty(headers.GetTokens("B"));
            Assert.False(headers.HasToken("B", "1"));
        }

        [Fact]
        public void TokensAreSplitTrimmedAndEmptyOnesDropped()
        {
            HttpHeaders headers = With("Connection", " keep-alive ,\tUpgrade\t, ,", "connection", "", "CONNECTION", "close");

            Assert.Equal(new[] { "keep-alive", "Upgrade", "close" }, headers.GetTokens("Connection"));
        }

        [Theory]
        [InlineData("close", true)]
        [InlineData("CLOSE", true)]
        [InlineData("keep-alive", true)]
        [InlineData("clos", false)]
        [InlineData("keep-alive, close", false)]
        public void HasTokenComparesWholeTokensIgnoringCase(string token, bool expected)
        {
            HttpHeaders headers = With("Connection", "keep-alive, Close");

            Assert.Equal(expected, headers.HasToken("connection", token));
        }

        [Fact]
        public void EmptyValueIsKept()
        {
            HttpHeaders headers = With("X-Empty", "");

            Assert.True(headers.Contains("X-Empty"));
            Assert.Equal("", headers.Get("X-Empty"));
            Assert.Empty(headers.GetTokens("X-Empty"));
        }
    }
}
