using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>Reads one HTTP/1.1 request head from a connection and frames its body (RFC 9112).</summary>
    internal static class HttpRequestReader
    {
        public const int MaxHeaderBytes = 64 * 1024;
        public const int MaxHeaderCount = 100;

        // RFC 9112 section 2.2: a server should ignore at least one empty line before the request line.
        private const int MaxLeadingEmptyLines = 4;

        private const string HeadTooLarge = "The request's header section is larger than 64 KiB.";

        /// <summary>
        /// The next request, or null when the client closed the connection between requests. Throws
        /// <see cref="HttpProtocolException"/> for a request that cannot be read.
        /// </summary>
        public static async Task<HttpRequest?> ReadAsync(HttpConnection connection, long maxBodyBytes)
        {
            int budget = MaxHeaderBytes;
            string? requestLine;
            int emptyLines = 0;
            do
            {
                requestLine = await connection.ReadLineAsync(budget, 431, HeadTooLarge).ConfigureAwait(false);
                if (requestLine is null) return null;
                budget -= requestLine.Length + 2;
            }
            while (requestLine.Length == 0 && ++emptyLines <= MaxLeadingEmptyLines);

            ParseRequestLine(requestLine, out string method, out string target, out int minorVersion);

            var headers = new HttpHeaders();
            while (true)
            {
                string? line = await connection.ReadLineAsync(Math.Max(0, budget), 431, HeadTooLarge).ConfigureAwait(false);
                if (line is null) throw new HttpProtocolException(400, "The connection closed inside the request's header section.");
                budget -= line.Length + 2;
                if (line.Length == 0) break;
                if (headers.Count == MaxHeaderCount) throw new HttpProtocolException(431, $"The request has more than {MaxHeaderCount} headers.");
                AddHeader(headers, line);
            }

            RequestBodyStream body = FrameBody(connection, headers, minorVersion, maxBodyBytes);
            return new HttpRequest(method, target, minorVersion, headers, body);
        }

        private static void ParseRequestLine(string line, out string method, out string target, out int minorVersion)
        {
            string[] parts = line.Split(' ');
            if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || !IsToken(parts[0]))
            {
                throw new HttpProtocolException(400, "The request line is not 'METHOD target HTTP/1.1'.");
            }
            method = parts[0];
            target = parts[1];
            switch (parts[2])
            {
                case "HTTP/1.1": minorVersion = 1; break;
                case "HTTP/1.0": minorVersion = 0; break;
                default: throw new HttpProtocolException(505, $"The sandbox speaks HTTP/1.1, not '{parts[2]}'.");
            }
        }

        private static void AddHeader(HttpHeaders headers, string line)
        {
            if (line[0] == ' ' || line[0] == '\t') throw new HttpProtocolException(400, "The request uses obsolete header line folding.");
            int colon = line.IndexOf(':');
            if (colon <= 0 || !IsToken(line.Substring(0, colon))) throw new HttpProtocolException(400, "A request header line is not 'Name: value'.");
            headers.Add(line.Substring(0, colon), line.Substring(colon + 1).Trim(' ', '\t'));
        }

        private static RequestBodyStream FrameBody(HttpConnection connection, HttpHeaders headers, int minorVersion, long maxBodyBytes)
        {
            bool expectsContinue = minorVersion >= 1 && headers.HasToken("Expect", "100-continue");
            IReadOnlyList<string> codings = headers.GetTokens("Transfer-Encoding");
            if (headers.Contains("Transfer-Encoding"))
            {
                // Both framings at once is the request-smuggling pattern; refusing is the safe reading.
                if (headers.Contains("Content-Length")) throw new HttpProtocolException(400, "The request has both Transfer-Encoding and Content-Length.");
                if (minorVersion == 0) throw new HttpProtocolException(400, "Transfer-Encoding needs HTTP/1.1.");
                if (codings.Count != 1 || !string.Equals(codings[0], "chunked", StringComparison.OrdinalIgnoreCase))
                {
                    throw new HttpProtocolException(501, $"The sandbox takes Transfer-Encoding: chunked only, not '{headers.Get("Transfer-Encoding")}'.");
                }
                return new ChunkedBodyStream(connection, maxBodyBytes, expectsContinue);
            }

            long length = 0;
            IReadOnlyList<string> lengths = headers.GetTokens("Content-Length");
            if (headers.Contains("Content-Length"))
            {
                if (lengths.Count == 0) throw new HttpProtocolException(400, "The Content-Length header is empty.");
                for (int i = 0; i < lengths.Count; i++)
                {
                    if (!IsDigits(lengths[i]) || !long.TryParse(lengths[i], NumberStyles.None, CultureInfo.InvariantCulture, out long value))
                    {
                        throw new HttpProtocolException(400, $"The Content-Length '{headers.Get("Content-Length")}' is not a number of bytes.");
                    }
                    if (i > 0 && value != length) throw new HttpProtocolException(400, "The request has several different Content-Length values.");
                    length = value;
                }
            }
            return new ContentLengthBodyStream(connection, length, expectsContinue);
        }

        private static bool IsDigits(string s)
        {
            foreach (char c in s)
            {
                if (c < '0' || c > '9') return false;
            }
            return s.Length > 0;
        }

        // RFC 9110 tchar.
        private static bool IsToken(string s)
        {
            foreach (char c in s)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
                if (!ok) return false;
            }
            return s.Length > 0;
        }
    }
}
