using System;
using System.Collections.Generic;
using System.IO;

namespace Alpharun
{
    /// <summary>
    /// A resume journal: one JSON line per file the API accepted, appended and flushed to disk as each answer
    /// arrives, so a batch that dies can be run again and skip what is done. The file is held open for writing by one
    /// run at a time. It holds paths, ids and hashes: never the API key and never contact details. Thread-safe: the
    /// uploads of a batch record their entries from their own tasks as their answers arrive.
    /// <para>
    /// How a file is found in it (<see cref="UploadPlanner"/> asks in this order):
    /// the quick check, a file whose full path, size and last write time, sent with the same fields, match an
    /// entry, is known without reading a byte of it; otherwise, only when an entry of the same size, fields and first
    /// 4 KiB exists, the file is hashed before it is sent and found by its content (a touched, moved or copied file),
    /// and a line with its new path and time is added so that the next run's quick check finds it. Every other file
    /// is read once, by its upload, whose body hashes the bytes it sends (<see cref="SentAudioDigest"/>): the entry
    /// describes exactly those bytes.
    /// </para>
    /// <para>
    /// Lines are only ever appended: no line becomes wrong (a key describes bytes the API accepted), at worst unused
    /// (the old path of a moved file), so nothing is rewritten and a crash can tear at most the last line, which is
    /// ignored. Reading is bounded: lines are parsed from a 64 KiB block buffer and a line over 128 KiB is passed over.
    /// </para>
    /// </summary>
    public sealed class UploadJournal : IDisposable
    {
        private readonly FileStream _stream;
        private readonly FileStream _lock;
        private readonly object _gate = new object();

        // Compact: entries are 56-byte structs in one list (no object, no path, no string per entry), keys 128-bit
        // values mapping to their index, candidate filters 64-bit: about 170 bytes an entry in all.
        private readonly List<JournalRecord> _records = new List<JournalRecord>();
        private readonly Dictionary<Hash128, int> _byQuick = new Dictionary<Hash128, int>();
        private readonly Dictionary<Hash128, int> _byContent = new Dictionary<Hash128, int>();
        private readonly HashSet<ulong> _bySize = new HashSet<ulong>();
        private readonly HashSet<ulong> _byHead = new HashSet<ulong>();
        private readonly Dictionary<Hash128, int> _byVersion2Key = new Dictionary<Hash128, int>();
        private readonly HashSet<long> _version2Lengths = new HashSet<long>();
        private readonly List<string> _mediaTypes = new List<string>();
        private int _unverified;
        private long _length;
        private bool _needsNewline;
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

        /// <summary>How many accepted uploads it remembers (a moved file's new path is not another one).</summary>
        public int Count
        {
            get { lock (_gate) return _byContent.Count + _byVersion2Key.Count + _unverified; }
        }

        /// <summary>Lines that could not be read (a write cut short by a crash, an edited or corrupt file); they are ignored.</summary>
        public int IgnoredLines { get; private set; }

        /// <summary>The first line this run could not write for an accepted upload (a full disk, lost permission); null while every one was written.</summary>
        public JournalWriteException? WriteFailure
        {
            get { lock (_gate) return _writeFailure; }
        }

        private JournalWriteException? _writeFailure;

        /// <summary>
        /// Opens (or creates) the journal at <paramref name="path"/>. Throws <see cref="JournalUnavailableException"/>,
        /// whose <see cref="JournalUnavailableException.Kind"/> and message say why, when it cannot be: another run
        /// holds it, the folder is read-only or not writable by this account, its drive or share is missing.
        /// </summary>
        public static UploadJournal Open(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            string full = System.IO.Path.GetFullPath(path);
            FileStream? lockFile = null;
            try
            {
                if (Directory.Exists(full)) throw new UnauthorizedAccessException($"'{full}' is a folder.");
                string? folder = System.IO.Path.GetDirectoryName(full);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                // FileShare only binds on Windows; an exclusive lock file keeps a second run out on every system.
                lockFile = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                // No buffer (1 byte: .NET Framework refuses 0): a line is written whole by one call, and a write that
                // fails leaves nothing behind in a buffer that a later flush would write after it.
                var stream = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
                try
                {
                    return new UploadJournal(full, stream, lockFile);
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                lockFile?.Dispose();
                throw new JournalUnavailableException(full, JournalProblem.Classify(e, full), e);
            }
        }

        /// <summary>
        /// Appends the line for <paramref name="upload"/>, which the API accepted for <paramref name="plan"/>, and
        /// flushes it to disk before returning. Its content key is that of the bytes the upload sent; an upload whose
        /// body did not go out whole before the answer is recorded without keys (its id is kept, it is never skipped).
        /// Throws <see cref="JournalWriteException"/> when the line cannot be written (the file is left without it).
        /// </summary>
        public void Record(UploadPlan plan, RecordingUpload upload)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            if (upload is null) throw new ArgumentNullException(nameof(upload));
            // Only what the API accepted is journaled: a skip is there already, a file still being written is looked at again.
            if (!IsAccepted(upload)) return;
            if (plan.Fingerprint is null) throw new ArgumentException("The plan was made without this journal.", nameof(plan));
            Record(plan.Fingerprint, upload);
        }

        private static bool IsAccepted(RecordingUpload upload) =>
            upload.Status == RecordingUploadStatus.Created || upload.Status == RecordingUploadStatus.AlreadyExisted;

        internal void Record(UploadFingerprint fingerprint, RecordingUpload upload)
        {
            if (upload is null) throw new ArgumentNullException(nameof(upload));
            if (!IsAccepted(upload)) return;
            SentAudio? sent = fingerprint.Digest.Result;
            // The time the answer arrived, which the output shows too (main: RecordingUpload.AcceptedAt).
            var entry = new JournalEntry(upload.RecordingId, upload.Status, upload.AcceptedAt ?? DateTimeOffset.Now, upload.Length,
                upload.RecordedAt, upload.RecordedAtSource, upload.MediaType, upload.AudioDuration);
            if (sent is null || fingerprint.ContentFields is null)
            {
                Append(JournalLine.Write(entry, upload.Path, null, null, null, null, null), entry, null, null, 0, 0, recordsUpload: true);
                return;
            }
            Hash128 fields = fingerprint.ContentFields.Value;
            Hash128 key = JournalKeys.Content(sent.Length, sent.Sha256, fields);
            // The quick key of the file as it was sent (its stamp taken around the read), not as it was planned: a
            // file replaced while it waited is journaled as the file whose bytes went out.
            Hash128? quick = sent.Stamp.HasValue && fingerprint.CallerFields.HasValue
                ? JournalKeys.Quick(fingerprint.Path, sent.Stamp.Value, fingerprint.CallerFields.Value)
                : (Hash128?)null;
            Append(JournalLine.Write(entry, upload.Path, sent.Stamp, key, quick, fields, sent.Head), entry, key, quick,
                JournalKeys.BySize(sent.Length, fields), JournalKeys.ByHead(sent.Length, fields, sent.Head), recordsUpload: true);
        }

        /// <summary>A stat of the file and the caller's fields: what the quick check needs, and where the upload's digest will go.</summary>
        internal static UploadFingerprint Identify(RecordingFileState file, RecordingFields fields) =>
            new UploadFingerprint(file.Path, FileStamp.From(file), JournalKeys.CallerFields(fields));

        /// <summary>The quick check: an entry for this path, size, last write time and these fields. Reads nothing of the file.</summary>
        internal bool TryQuick(UploadFingerprint fingerprint, out JournalEntry entry)
        {
            entry = null!;
            if (fingerprint.Quick is null) return false;
            lock (_gate)
            {
                if (!_byQuick.TryGetValue(fingerprint.Quick.Value, out int index)) return false;
                entry = _records[index].ToEntry(_mediaTypes);
                return true;
            }
        }

        /// <summary>
        /// Looks the file up by its content, when the quick check missed: hashes it only when an entry of the same
        /// size and fields (and then the same first 4 KiB) exists, or a version 2 entry of the same size. On a match,
        /// adds a line with the file's current path and time, so the next run's quick check finds it. Null: send it.
        /// </summary>
        internal JournalEntry? FindByContent(UploadFingerprint fingerprint, RecordingUploadRequest request, ICollection<string> notes)
        {
            Hash128 fields = JournalKeys.ContentFields(request);
            fingerprint.ContentFields = fields;
            if (fingerprint.Stamp is null) return null;
            long size = fingerprint.Stamp.Value.Length;
            bool sameSize, version2;
            lock (_gate)
            {
                sameSize = _bySize.Contains(JournalKeys.BySize(size, fields));
                version2 = _version2Lengths.Contains(size);
            }
            if (!sameSize && !version2) return null;
            if (!version2)
            {
                Hash128? head = ContentDigest.HeadOf(fingerprint.Path);
                if (head is null) return null;
                lock (_gate)
                {
                    if (!_byHead.Contains(JournalKeys.ByHead(size, fields, head.Value))) return null;
                }
            }

            var read = ContentDigest.Of(fingerprint.Path);
            if (read is null) return null;
            (long length, byte[] sha256, Hash128 firstBytes) = read.Value;
            Hash128 key = JournalKeys.Content(length, sha256, fields);
            JournalEntry? known = null;
            bool fromVersion2 = false;
            Hash128? version2Key = version2 ? JournalKeys.Version2(request, length, sha256) : (Hash128?)null;
            lock (_gate)
            {
                if (_byContent.TryGetValue(key, out int index))
                {
                    known = _records[index].ToEntry(_mediaTypes);
                }
                else if (version2Key.HasValue && _byVersion2Key.TryGetValue(version2Key.Value, out index))
                {
                    known = _records[index].ToEntry(_mediaTypes);
                    fromVersion2 = true;
                }
            }
            if (known is null) return null;

            // A version 2 entry knows nothing of what was shown: the content check just made tells it.
            JournalEntry shown = fromVersion2
                ? new JournalEntry(known.RecordingId, known.Status, known.AcceptedAt, known.Length, request.RecordedAt, request.RecordedAtSource, request.MediaType, request.Audio.Duration)
                : known;
            FileStamp? now = FileStamp.Of(fingerprint.Path);
            bool unchanged = now.HasValue && now.Value.Equals(fingerprint.Stamp.Value) && now.Value.Length == length;
            Hash128? quick = unchanged && fingerprint.Quick.HasValue ? fingerprint.Quick : null;
            try
            {
                Append(JournalLine.Write(shown, fingerprint.Path, unchanged ? now : null, key, quick, fields, firstBytes), shown, key, quick,
                    JournalKeys.BySize(length, fields), JournalKeys.ByHead(length, fields, firstBytes), recordsUpload: false);
            }
            catch (JournalWriteException e)
            {
                // Only the next run's quick check is lost: it finds the file by its content again.
                notes.Add($"'{fingerprint.Path}': its new path and time could not be added to the journal: {e.Reason}");
            }
            catch (ObjectDisposedException)
            {
                // The batch is ending.
            }
            return shown;
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

        private void Append(byte[] line, JournalEntry entry, Hash128? key, Hash128? quick, ulong bySize, ulong byHead, bool recordsUpload)
        {
            lock (_gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(UploadJournal), "The journal is closed; the entry was not written.");
                long good = _length;
                try
                {
                    _stream.Seek(good, SeekOrigin.Begin);
                    // A crash may have left a torn last line: start on a fresh one so this entry stays readable.
                    if (_needsNewline)
                    {
                        _stream.WriteByte((byte)'\n');
                        good++;
                    }
                    _stream.Write(line, 0, line.Length);
                    _stream.Flush(flushToDisk: true);
                    _needsNewline = false;
                    _length = good + line.Length;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
                {
                    var failure = new JournalWriteException(Path, JournalProblem.Classify(e, Path), e);
                    Truncate(good);
                    if (recordsUpload) _writeFailure ??= failure;
                    throw failure;
                }
                var written = new JournalLine { Version = JournalLine.CurrentVersion, Key = key, Quick = quick, Record = JournalRecord.From(entry, _mediaTypes) };
                Index(ref written, key.HasValue ? bySize : (ulong?)null, key.HasValue ? byHead : (ulong?)null);
            }
        }

        // A line that failed part-way is cut off again, so the file holds whole lines only; when even that fails, the
        // next line starts on a fresh one (and a later reader ignores the torn piece).
        private void Truncate(long length)
        {
            try
            {
                _stream.SetLength(length);
                _length = length;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                _needsNewline = true;
                try
                {
                    _length = _stream.Length;
                }
                catch (Exception again) when (again is IOException || again is UnauthorizedAccessException || again is NotSupportedException)
                {
                    // _length stays: the next write goes after the last line known whole.
                }
            }
        }

        private void Index(ref JournalLine line, ulong? bySize, ulong? byHead)
        {
            if (line.Version == 2)
            {
                if (_byVersion2Key.ContainsKey(line.Key!.Value)) return;
                _records.Add(line.Record);
                _byVersion2Key[line.Key.Value] = _records.Count - 1;
                _version2Lengths.Add(line.Record.Length);
                return;
            }
            if (bySize.HasValue) _bySize.Add(bySize.Value);
            if (byHead.HasValue) _byHead.Add(byHead.Value);
            if (line.Key.HasValue && _byContent.TryGetValue(line.Key.Value, out int known))
            {
                // A later line for a recording already known (its new path or time): not another upload.
                if (line.Quick.HasValue) _byQuick[line.Quick.Value] = known;
                return;
            }
            _records.Add(line.Record);
            int index = _records.Count - 1;
            if (line.Quick.HasValue) _byQuick[line.Quick.Value] = index;
            if (line.Key.HasValue) _byContent[line.Key.Value] = index;
            else _unverified++;
        }

        private void Load()
        {
            _stream.Seek(0, SeekOrigin.Begin);
            var reader = new JournalLineReader(_stream);
            while (reader.TryRead(out ReadOnlySpan<byte> line))
            {
                if (IsBlank(line)) continue;
                if (!JournalLine.TryParse(line, _mediaTypes, out JournalLine parsed))
                {
                    IgnoredLines++;
                    continue;
                }
                bool candidate = parsed.Version == JournalLine.CurrentVersion && parsed.Key.HasValue && parsed.Fields.HasValue && parsed.Head.HasValue;
                long length = parsed.Record.Length;
                Index(ref parsed,
                    candidate ? JournalKeys.BySize(length, parsed.Fields!.Value) : (ulong?)null,
                    candidate ? JournalKeys.ByHead(length, parsed.Fields!.Value, parsed.Head!.Value) : (ulong?)null);
            }
            IgnoredLines += reader.LongLines;
            _length = _stream.Length;
            _needsNewline = _length > 0 && LastByte() != (byte)'\n';
        }

        private static bool IsBlank(ReadOnlySpan<byte> line)
        {
            foreach (byte b in line)
            {
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r') return false;
            }
            return true;
        }

        private byte LastByte()
        {
            _stream.Seek(-1, SeekOrigin.End);
            return (byte)_stream.ReadByte();
        }
    }
}
