using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>Builds multipart/form-data bodies by hand, including the broken ones a real client refuses to send.</summary>
    internal sealed class FormBuilder
    {
        public const string DefaultTeammate = "ann@acme.com";
        public const string DefaultRecordedAt = "2024-01-15T14:30:00-05:00";
        public const string DefaultContacts = "[{\"email\":\"bob@client.com\"}]";

        private static readonly Encoding Utf8 = new UTF8Encoding(false);
        private readonly MemoryStream _body = new MemoryStream();

        public FormBuilder(string boundary = "sandbox-test-boundary")
        {
            Boundary = boundary;
        }

        public string Boundary { get; }

        public string ContentType => "multipart/form-data; boundary=" + Boundary;

        /// <summary>
        /// A valid upload; a null argument leaves that part out (<paramref name="fileName"/> null: no audio part).
        /// </summary>
        public static FormBuilder Upload(
            string? teammate = DefaultTeammate,
            string? recordedAt = DefaultRecordedAt,
            string? contacts = DefaultContacts,
            string? playbookId = null,
            string? fileName = "call.wav",
            byte[]? audio = null)
        {
            var form = new FormBuilder();
            if (fileName != null) form.File("audio", fileName, audio ?? Audio(2048, 7));
            if (teammate != null) form.Field("teammate_email", teammate);
            if (recordedAt != null) form.Field("recorded_at", recordedAt);
            if (playbookId != null) form.Field("playbook_id", playbookId);
            if (contacts != null) form.Field("contacts", contacts, "application/json");
            return form;
        }

        public static byte[] Audio(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        public FormBuilder File(string name, string fileName, byte[] data, string contentType = "audio/wav") =>
            Part($"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}\r\n", data);

        public FormBuilder Field(string name, string value, string? contentType = null) =>
            Part($"Content-Disposition: form-data; name=\"{name}\"\r\n" + (contentType is null ? string.Empty : $"Content-Type: {contentType}\r\n"), Utf8.GetBytes(value));

        /// <summary>A part with the given header lines (each ending in CRLF) and body.</summary>
        public FormBuilder Part(string headerLines, byte[] body)
        {
            Write("--" + Boundary + "\r\n" + headerLines + "\r\n");
            _body.Write(body, 0, body.Length);
            Write("\r\n");
            return this;
        }

        /// <summary>The body; without <paramref name="close"/>, the closing delimiter is left off.</summary>
        public byte[] Build(bool close = true)
        {
            var copy = new MemoryStream();
            _body.Position = 0;
            _body.CopyTo(copy);
            if (close)
            {
                byte[] end = Utf8.GetBytes("--" + Boundary + "--\r\n");
                copy.Write(end, 0, end.Length);
            }
            return copy.ToArray();
        }

        public HttpContent ToContent(bool close = true)
        {
            var content = new ByteArrayContent(Build(close));
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            return content;
        }

        private void Write(string text)
        {
            byte[] bytes = Utf8.GetBytes(text);
            _body.Write(bytes, 0, bytes.Length);
        }
    }
}
