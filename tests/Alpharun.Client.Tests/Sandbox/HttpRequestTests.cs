using Alpharun.Sandbox;
using Xunit;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>A request's derived facts: its path, whether the connection stays open, whether it is a HEAD.</summary>
    public sealed class HttpRequestTests
    {
        private static HttpRequest Request(string method = "GET", string target = "/", int minorVersion = 1, params string[] nameValues)
        {
            var headers = new HttpHeaders();
            for (int i = 0; i < nameValues.Length; i += 2) headers.Add(nameValues[i], nameValues[i + 1]);
            return new HttpRequest(method, target, minorVersion, headers, new ContentLengthBodyStream(null!, 0, expectsContinue: false));
        }

        [Theory]
        [InlineData("/api/v1/recordings/upload", "/api/v1/recordings/upload")]
        [InlineData("/a/b?x=1&y=2", "/a/b")]
        [InlineData("/a/b#frag", "/a/b")]
        [InlineData("/a/b?x=#f", "/a/b")]
        [InlineData("/a/b/", "/a/b/")]
        [InlineData("?x", "")]
        [InlineData("*", "*")]
        [InlineData("http://127.0.0.1:5000/api/v1/x?y=1", "/api/v1/x")]
        [InlineData("HTTP://host/p", "/p")]
        [InlineData("https://host/p/q#f", "/p/q")]
        [InlineData("HTTPS://host", "/")]
        [InlineData("http://", "http://")]
        [InlineData("httpx://host/p", "httpx://host/p")]
        public void PathDropsQueryFragmentAndAbsoluteFormPrefix(string target, string path)
        {
            HttpRequest request = Request(target: target);

            Assert.Equal(path, request.Path);
            Assert.Equal(target, request.Target);
        }

        [Theory]
        [InlineData(1, null, true)]
        [InlineData(1, "keep-alive", true)]
        [InlineData(1, "close", false)]
        [InlineData(1, "Upgrade, CLOSE", false)]
        [InlineData(0, null, false)]
        [InlineData(0, "keep-alive", false)]
        public void KeepAliveNeedsHttpOneOneWithoutConnectionClose(int minorVersion, string? connection, bool keepAlive)
        {
            HttpRequest request = connection is null ? Request(minorVersion: minorVersion) : Request(minorVersion: minorVersion, nameValues: new[] { "Connection", connection });

            Assert.Equal(keepAlive, request.KeepAlive);
            Assert.Equal(minorVersion, request.MinorVersion);
        }

        [Theory]
        [InlineData("HEAD", true)]
        [InlineData("head", false)]
        [InlineData("GET", false)]
        [InlineData("POST", false)]
        public void OnlyAnUpperCaseHeadIsAHead(string method, bool isHead)
        {
            HttpRequest request = Request(method: method);

            Assert.Equal(isHead, request.IsHead);
            Assert.Equal(method, request.Method);
        }
    }
}
