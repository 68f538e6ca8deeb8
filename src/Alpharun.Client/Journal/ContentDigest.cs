using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Alpharun
{
    /// <summary>SHA-256 of a file's bytes, the journal's identity of a recording.</summary>
    internal static class ContentDigest
    {
        /// <summary>Lowercase hex; "-" when the file cannot be read (the upload then reports why).</summary>
        public static string Of(string path)
        {
            try
            {
                using FileStream stream = RecordingFile.OpenRead(path, 81920, FileOptions.SequentialScan);
                using SHA256 sha = SHA256.Create();
                byte[] hash = sha.ComputeHash(stream);
                var sb = new StringBuilder(hash.Length * 2);
                foreach (byte b in hash) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
                return sb.ToString();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return "-";
            }
        }
    }
}
