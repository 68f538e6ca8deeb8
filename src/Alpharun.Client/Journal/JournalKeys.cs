using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Alpharun
{
    /// <summary>
    /// The journal's keys, one place for each:
    /// <list type="bullet">
    /// <item>the quick key: full path, size, last write time and the fields the caller gave (teammate, contacts,
    /// playbook, an explicit recorded_at), known without reading a byte of the file;</item>
    /// <item>the content key: size and SHA-256 of the bytes sent, with the teammate, contacts, playbook and a
    /// recorded_at that was given or read from the recording's metadata. A recorded_at taken from the file's last
    /// write time is left out: touching a file does not make it another recording;</item>
    /// <item>the candidate keys (size and content fields; then also the hash of the first 4 KiB), which say when
    /// hashing a file before sending it can find it in the journal at all.</item>
    /// </list>
    /// </summary>
    internal static class JournalKeys
    {
        /// <summary>The fields as the caller gave them; null when they cannot be encoded (the validation then says why).</summary>
        public static Hash128? CallerFields(RecordingFields fields)
        {
            string contacts;
            try
            {
                contacts = Encoding.UTF8.GetString(ContactsJson.Encode(fields.Contacts));
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is FormatException)
            {
                return null;
            }
            return Hash128.Of(new StringBuilder("alpharun-caller-v3\n")
                .Append(fields.Teammate.Trim().ToLowerInvariant()).Append('\n')
                .Append(fields.RecordedAt.HasValue ? RecordedAtFormat.Format(fields.RecordedAt.Value) : "-").Append('\n')
                .Append(fields.PlaybookId?.ToString("D") ?? "-").Append('\n')
                .Append(contacts).ToString());
        }

        // Windows file names are case-insensitive: C:\Calls\A.wav and c:\calls\a.wav are one file (as UploadIdentity has it).
        private static readonly bool CaseInsensitivePaths = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>The quick key of a file at <paramref name="fullPath"/> with <paramref name="stamp"/>, sent with the caller's fields.</summary>
        public static Hash128 Quick(string fullPath, FileStamp stamp, Hash128 callerFields) =>
            Hash128.Of(new StringBuilder("alpharun-quick-v3\n")
                .Append(CaseInsensitivePaths ? fullPath.ToUpperInvariant() : fullPath).Append('\n')
                .Append(stamp.Length.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(stamp.LastWriteUtcTicks.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(callerFields.ToString()).ToString());

        /// <summary>The fields of <paramref name="request"/> that are part of its content key.</summary>
        public static Hash128 ContentFields(RecordingUploadRequest request) =>
            Hash128.Of(new StringBuilder("alpharun-fields-v3\n")
                .Append(request.Teammate.ToLowerInvariant()).Append('\n')
                .Append(request.RecordedAtSource == RecordedAtSource.LastWriteTime ? "-" : RecordedAtFormat.Format(request.RecordedAt)).Append('\n')
                .Append(request.PlaybookId?.ToString("D") ?? "-").Append('\n')
                .Append(Encoding.UTF8.GetString(ContactsJson.Encode(request.Contacts))).ToString());

        /// <summary>The content key: <paramref name="length"/> bytes whose SHA-256 is <paramref name="sha256"/>, sent with <paramref name="contentFields"/>.</summary>
        public static Hash128 Content(long length, byte[] sha256, Hash128 contentFields) =>
            Hash128.Of("alpharun-content-v3\n" + length.ToString(CultureInfo.InvariantCulture) + "\n" + Hex(sha256) + "\n" + contentFields);

        // The two candidate keys are filters, 64 bits mixed from keys that are hashes already (no SHA-256 per line
        // read): a false match costs a read (4 KiB, or a full hash), never a wrong skip, as the content key decides.

        /// <summary>Some entry has this size and these fields: only then can hashing a file find it.</summary>
        public static ulong BySize(long length, Hash128 contentFields) => Mix(contentFields.High ^ Mix((ulong)length));

        /// <summary>Some entry has this size, these fields and these first bytes: a full hash is then worth its read.</summary>
        public static ulong ByHead(long length, Hash128 contentFields, Hash128 head) => Mix(BySize(length, contentFields) ^ head.High ^ head.Low);

        // splitmix64's finaliser: every input bit moves every output bit.
        private static ulong Mix(ulong x)
        {
            unchecked
            {
                x += 0x9E3779B97F4A7C15UL;
                x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
                x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
                return x ^ (x >> 31);
            }
        }

        /// <summary>
        /// The key a version 2 journal line holds for <paramref name="request"/> whose bytes have <paramref name="sha256"/>:
        /// size, SHA-256 and every field, the recorded_at included whatever its source.
        /// </summary>
        public static Hash128 Version2(RecordingUploadRequest request, long length, byte[] sha256)
        {
            var material = new StringBuilder("alpharun-journal-v2\n")
                .Append(length).Append('\n')
                .Append(Hex(sha256)).Append('\n')
                .Append(request.Teammate.ToLowerInvariant()).Append('\n')
                .Append(RecordedAtFormat.Format(request.RecordedAt)).Append('\n')
                .Append(request.PlaybookId?.ToString("D") ?? "-").Append('\n')
                .Append(Encoding.UTF8.GetString(ContactsJson.Encode(request.Contacts)));
            using SHA256 sha = SHA256.Create();
            return Hash128.FromDigest(sha.ComputeHash(Encoding.UTF8.GetBytes(material.ToString())));
        }

        internal static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
