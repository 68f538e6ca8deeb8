using System.Collections.Generic;
using System.IO;

namespace Alpharun.Sandbox
{
    /// <summary>One part of a multipart/form-data body: its headers, and its body as a stream that ends at the next delimiter.</summary>
    internal sealed class MultipartPart
    {
        public MultipartPart(string name, string? fileName, string? contentType, IReadOnlyDictionary<string, string> headers, Stream body)
        {
            Name = name;
            FileName = fileName;
            ContentType = contentType;
            Headers = headers;
            Body = body;
        }

        /// <summary>The form field name (Content-Disposition name).</summary>
        public string Name { get; }

        /// <summary>The file name: filename* when present and decodable, else filename; null for a plain field.</summary>
        public string? FileName { get; }

        /// <summary>The part's Content-Type header, or null when it has none.</summary>
        public string? ContentType { get; }

        /// <summary>Every part header, by case-insensitive name, decoded as UTF-8.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }

        /// <summary>The part's bytes; valid until the next part is requested.</summary>
        public Stream Body { get; }
    }
}
