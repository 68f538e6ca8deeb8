using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// An answer to write: status, JSON body, extra headers, whether the connection must close after it, and the
    /// misbehaviour a queued <see cref="SandboxFault"/> asks for (hold it back, or write nothing and reset).
    /// </summary>
    internal sealed class HttpResponse
    {
        public const string JsonContentType = "application/json; charset=utf-8";

        public HttpResponse(int statusCode, byte[] body)
        {
            StatusCode = statusCode;
            Body = body;
        }

        public int StatusCode { get; }

        public byte[] Body { get; }

        public string ContentType { get; set; } = JsonContentType;

        public IList<KeyValuePair<string, string>> Headers { get; } = new List<KeyValuePair<string, string>>();

        /// <summary>Set when the request's body cannot be read on (its framing broke), so no request may follow.</summary>
        public bool CloseConnection { get; set; }

        /// <summary>
        /// How long to hold the answer back once the body is read (a <see cref="SandboxFaultKind.Stall"/> fault);
        /// null answers at once. Nullable because the infinite delay is negative.
        /// </summary>
        public TimeSpan? Delay { get; set; }

        /// <summary>True when nothing is written and the connection is reset instead (a <see cref="SandboxFaultKind.DropConnection"/> fault).</summary>
        public bool DropConnection { get; private set; }

        /// <summary>No answer at all: the connection is to be reset.</summary>
        public static HttpResponse Dropped() => new HttpResponse(0, Array.Empty<byte>()) { DropConnection = true };

        /// <summary><c>{"message": ..., "field": ...}</c>; the field is left out when null.</summary>
        public static HttpResponse Error(int statusCode, string message, string? field = null) =>
            new HttpResponse(statusCode, Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("message", message);
                if (field != null) writer.WriteString("field", field);
                writer.WriteEndObject();
            }));

        /// <summary><c>{"data":{"recording":{"id": ...}}}</c>, as the API answers an accepted upload.</summary>
        public static HttpResponse Recording(int statusCode, Guid recordingId) =>
            new HttpResponse(statusCode, Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartObject("data");
                writer.WriteStartObject("recording");
                writer.WriteString("id", recordingId.ToString("D"));
                writer.WriteEndObject();
                writer.WriteEndObject();
                writer.WriteEndObject();
            }));

        private static byte[] Json(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer);
            }
            return buffer.ToArray();
        }
    }
}
