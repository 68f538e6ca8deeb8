using System;
using System.IO;
using System.Security.Cryptography;

namespace Alpharun
{
    /// <summary>
    /// Reads a file to compare it with the journal before it is sent: only when the journal holds an entry it could
    /// match (see <see cref="UploadJournal"/>); otherwise the only read of the file's bytes is the upload's own.
    /// </summary>
    internal static class ContentDigest
    {
        /// <summary>The hash of the first <see cref="SentAudioDigest.HeadSize"/> bytes; null when the file cannot be read.</summary>
        public static Hash128? HeadOf(string path)
        {
            try
            {
                using FileStream stream = Open(path, 1);
                var buffer = new byte[SentAudioDigest.HeadSize];
                int total = 0, read;
                while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
                using SHA256 sha = SHA256.Create();
                return Hash128.FromDigest(sha.ComputeHash(buffer, 0, total));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>The SHA-256 and length of every byte of the file as read now, with the hash of its first bytes; null when it cannot be read.</summary>
        public static (long Length, byte[] Sha256, Hash128 Head)? Of(string path)
        {
            try
            {
                using FileStream stream = Open(path, 1);
                using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                using var head = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                long length = 0;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    all.AppendData(buffer, 0, read);
                    if (length < SentAudioDigest.HeadSize) head.AppendData(buffer, 0, (int)Math.Min(read, SentAudioDigest.HeadSize - length));
                    length += read;
                }
                return (length, all.GetHashAndReset(), Hash128.FromDigest(head.GetHashAndReset()));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        // The one way the module opens a recording (its sharing rule, links followed, no device read).
        private static FileStream Open(string path, int bufferSize) => RecordingFile.OpenRead(path, bufferSize, FileOptions.SequentialScan);
    }
}
