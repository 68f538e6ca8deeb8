using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>Writes a response with a Content-Length, so the client never depends on the connection closing to find its end.</summary>
    internal static class HttpResponseWriter
    {
        private static readonly Dictionary<int, string> Reasons = new Dictionary<int, string>
        {
            [200] = "OK",
            [201] = "Created",
            [400] = "Bad Request",
            [401] = "Unauthorized",
            [403] = "Forbidden",
            [404] = "Not Found",
            [405] = "Method Not Allowed",
            [408] = "Request Timeout",
            [409] = "Conflict",
            [413] = "Content Too Large",
            [422] = "Unprocessable Content",
            [429] = "Too Many Requests",
            [431] = "Request Header Fields Too Large",
            [500] = "Internal Server Error",
            [501] = "Not Implemented",
            [502] = "Bad Gateway",
            [503] = "Service Unavailable",
            [504] = "Gateway Timeout",
            [505] = "HTTP Version Not Supported",
        };

        public static Task WriteAsync(HttpConnection connection, HttpResponse response, bool keepAlive, bool headOnly) =>
            connection.WriteAsync(Serialize(response, keepAlive, headOnly));

        public static byte[] Serialize(HttpResponse response, bool keepAlive, bool headOnly)
        {
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(response.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(Reasons.TryGetValue(response.StatusCode, out string? reason) ? reason : "Unknown").Append("\r\n");
            head.Append("Date: ").Append(DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append("Server: Alpharun-Sandbox\r\n");
            head.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
            head.Append("Content-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            head.Append("Connection: ").Append(keepAlive ? "keep-alive" : "close").Append("\r\n");
            foreach (KeyValuePair<string, string> header in response.Headers) head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            head.Append("\r\n");

            byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
            if (headOnly) return headBytes;
            byte[] all = new byte[headBytes.Length + response.Body.Length];
            Buffer.BlockCopy(headBytes, 0, all, 0, headBytes.Length);
            Buffer.BlockCopy(response.Body, 0, all, headBytes.Length, response.Body.Length);
            return all;
        }
    }
}
