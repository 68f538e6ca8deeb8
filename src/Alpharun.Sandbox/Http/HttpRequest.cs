using System;

namespace Alpharun.Sandbox
{
    /// <summary>A request's head as read from the connection, and its body as a stream still to be read.</summary>
    internal sealed class HttpRequest
    {
        public HttpRequest(string method, string target, int minorVersion, HttpHeaders headers, RequestBodyStream body)
        {
            Method = method;
            Target = target;
            MinorVersion = minorVersion;
            Headers = headers;
            Body = body;
            Path = PathOf(target);
        }

        public string Method { get; }

        /// <summary>The request-target as sent.</summary>
        public string Target { get; }

        /// <summary>The target's path, without the query; absolute-form targets are reduced to their path.</summary>
        public string Path { get; }

        /// <summary>1 for HTTP/1.1, 0 for HTTP/1.0.</summary>
        public int MinorVersion { get; }

        public HttpHeaders Headers { get; }

        public RequestBodyStream Body { get; }

        /// <summary>True when the client lets the connection carry another request: HTTP/1.1 without Connection: close.</summary>
        public bool KeepAlive => MinorVersion >= 1 && !Headers.HasToken("Connection", "close");

        public bool IsHead => Method == "HEAD";

        private static string PathOf(string target)
        {
            if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.TryCreate(target, UriKind.Absolute, out Uri? uri) ? uri.AbsolutePath : target;
            }
            int query = target.IndexOfAny(new[] { '?', '#' });
            return query < 0 ? target : target.Substring(0, query);
        }
    }
}
