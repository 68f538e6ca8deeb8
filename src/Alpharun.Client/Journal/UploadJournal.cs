using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Alpharun
{
    /// <summary>
    /// A resume journal: one JSON line per file the API accepted, appended and flushed to disk as each answer
    /// arrives, so a batch that dies can be run again and skip what is done. A line cut short by a crash is
    /// ignored when the journal is read. The file is held open for writing by one run at a time. It holds paths,
    /// ids and hashes: never the API key and never contact details. Thread-safe: the uploads of a batch record
    /// their entries from their own tasks as their answers arrive.
    /// </summary>
    public sealed class UploadJournal : IDisposable
    {
        private readonly FileStream _stream;
        private readonly FileStream _lock;
        private readonly Dictionary<string, JournalEntry> _entries = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        private readonly object _gate = new object();
        private bool _disposed;

        private UploadJournal(string path, FileStream stream, FileStream lockFile)
        {
            Path = path;
            _stream = stream;
            _lock = lockFile;
            Load();
        }

        /// <summary>The journal file's full path.</summary>
        public string Path { get; }

        /// <summary>How many accepted files it remembers.</summary>
        public int Count
        {
            get { lock (_gate) return _entries.Count; }
        }

        /// <summary>Lines that could not be read (a write cut short by a crash); they are ignored.</summary>
        public int IgnoredLines { get; private set; }

        /// <summary>
        /// Opens (or creates) the journal at <paramref name="path"/>; throws <see cref="IOException"/> when another run
        /// holds it.
        /// </summary>
        public static UploadJournal Open(string path)
        {
            string full = System.IO.Path.GetFullPath(path);
            string? folder = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            // FileShare only binds on Windows; an exclusive lock file keeps a second run out on every system.
            var lockFile = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            try
            {
                var stream = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
                return new UploadJournal(full, stream, lockFile);
            }
            catch
            {
                lockFile.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The key of <paramref name="request"/>: the file's size and SHA-256 of its bytes, and the teammate,
        /// recorded_at, playbook and contacts. Any change to the file's bytes or the fields makes a new key, so it is
        /// sent again; neither its timestamps nor its path are part of it, so a touched, moved or copied but unchanged
        /// file is the same recording and is skipped.
        /// </summary>
        public static string KeyOf(RecordingUploadRequest request)
        {
            var file = new FileInfo(request.FilePath);
            var material = new StringBuilder("alpharun-journal-v2\n")
                .Append(file.Exists ? file.Length : -1).Append('\n')
                .Append(file.Exists ? ContentDigest.Of(file.FullName) : "-").Append('\n')
                .Append(request.Teammate.ToLowerInvariant()).Append('\n')
                .Append(RecordedAtFormat.Format(request.RecordedAt)).Append('\n')
                .Append(request.PlaybookId?.ToString("D") ?? "-").Append('\n')
                .Append(Encoding.UTF8.GetString(ContactsJson.Encode(request.Contacts)));
            return Hex(Sha256(Encoding.UTF8.GetBytes(material.ToString())));
        }

        /// <summary>The entry for <paramref name="key"/>, if the API accepted that file before.</summary>
        public bool TryGet(string key, out JournalEntry entry)
        {
            lock (_gate) return _entries.TryGetValue(key, out entry!);
        }

        /// <summary>Appends <paramref name="upload"/> under <paramref name="key"/> and flushes it to disk before returning.</summary>
        public void Record(string key, RecordingUpload upload)
        {
            if (upload.Status == RecordingUploadStatus.Skipped) return;
            var entry = new JournalEntry(key, upload.Path, upload.Length, upload.RecordingId, upload.Status, upload.AcceptedAt ?? DateTimeOffset.Now);
            byte[] line = Serialize(entry);
            lock (_gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(UploadJournal), "The journal is closed; the entry was not written.");
                _stream.Seek(0, SeekOrigin.End);
                // A crash may have left a torn last line: start on a fresh one so this entry stays readable.
                if (_stream.Length > 0 && LastByte() != (byte)'\n') _stream.WriteByte((byte)'\n');
                _stream.Write(line, 0, line.Length);
                _stream.Flush(flushToDisk: true);
                _entries[key] = entry;
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            // Under the lock, so an upload task recording an entry finishes its line before the file closes.
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                _stream.Dispose();
                _lock.Dispose();
            }
        }

        private byte LastByte()
        {
            _stream.Seek(-1, SeekOrigin.End);
            int last = _stream.ReadByte();
            _stream.Seek(0, SeekOrigin.End);
            return (byte)last;
        }

        private void Load()
        {
            _stream.Seek(0, SeekOrigin.Begin);
            var reader = new StreamReader(_stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.Trim().Length == 0) continue;
                JournalEntry? entry = TryParse(line);
                if (entry is null) IgnoredLines++;
                else _entries[entry.Key] = entry;
            }
        }

        private static byte[] Serialize(JournalEntry entry)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("key", entry.Key);
                writer.WriteString("path", entry.Path);
                writer.WriteNumber("length", entry.Length);
                writer.WriteString("recording_id", entry.RecordingId.ToString("D"));
                writer.WriteString("status", entry.Status.ToString());
                writer.WriteString("accepted_at", entry.AcceptedAt.ToString("o", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
            return buffer.ToArray();
        }

        private static JournalEntry? TryParse(string line)
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(line);
                JsonElement root = doc.RootElement;
                string key = root.GetProperty("key").GetString() ?? throw new FormatException();
                string path = root.GetProperty("path").GetString() ?? throw new FormatException();
                long length = root.GetProperty("length").GetInt64();
                Guid id = Guid.Parse(root.GetProperty("recording_id").GetString() ?? string.Empty);
                var status = (RecordingUploadStatus)Enum.Parse(typeof(RecordingUploadStatus), root.GetProperty("status").GetString() ?? string.Empty);
                DateTimeOffset at = DateTimeOffset.Parse(root.GetProperty("accepted_at").GetString() ?? string.Empty, CultureInfo.InvariantCulture);
                return new JournalEntry(key, path, length, id, status, at);
            }
            catch (Exception e) when (e is JsonException || e is FormatException || e is KeyNotFoundException || e is InvalidOperationException || e is ArgumentException || e is OverflowException)
            {
                return null;
            }
        }

        private static byte[] Sha256(byte[] data)
        {
            using SHA256 sha = SHA256.Create();
            return sha.ComputeHash(data);
        }

        private static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
