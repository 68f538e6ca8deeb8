using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>The audio part as the sandbox keeps it: name, type, length and SHA-256. The bytes themselves are never held.</summary>
    internal sealed class AudioFile
    {
        private const int ChunkSize = 81920;

        private AudioFile(string? fileName, string contentType, long size, string sha256, AudioInfo content)
        {
            Content = content;
            FileName = fileName;
            ContentType = contentType;
            Size = size;
            Sha256 = sha256;
        }

        /// <summary>The part's file name; null when the part had none.</summary>
        public string? FileName { get; }

        public string ContentType { get; }

        public long Size { get; }

        /// <summary>Lowercase hex.</summary>
        public string Sha256 { get; }

        /// <summary>What the core's content check finds in the first and last bytes received.</summary>
        public AudioInfo Content { get; }

        /// <summary>Hashes and counts the part's body as it streams by.</summary>
        public static async Task<AudioFile> ReadAsync(MultipartPart part)
        {
            byte[] buffer = new byte[ChunkSize];
            long size = 0;
            using SHA256 sha = SHA256.Create();
            var ends = new AudioEnds();
            int n;
            while ((n = await part.Body.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                sha.TransformBlock(buffer, 0, n, null, 0);
                ends.Add(buffer, n);
                size += n;
            }
            sha.TransformFinalBlock(buffer, 0, 0);
            // RFC 7578 section 4.4: a file part without a Content-Type is application/octet-stream.
            string contentType = string.IsNullOrWhiteSpace(part.ContentType) ? AudioMediaTypes.Fallback : part.ContentType!;
            return new AudioFile(part.FileName, contentType, size, Hex(sha.Hash!), ends.Probe());
        }

        private static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
