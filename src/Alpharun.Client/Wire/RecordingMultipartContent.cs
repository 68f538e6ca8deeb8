using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun
{
    /// <summary>
    /// The one multipart/form-data encoding of an upload. Part headers are written as UTF-8 (RFC 7578), so file
    /// names reach the server exactly on every runtime; the audio streams from disk in fixed-size chunks and the
    /// body length is known up front, so no chunked encoding is needed. The file is opened when the body is built
    /// (<see cref="RecordingFile.OpenRead"/>: through a link, the file it leads to, whose length the handle tells), so
    /// a file that cannot be read fails before any header is sent, and a new instance per attempt always starts from
    /// the first byte. A file written to while it is sent is refused before the body ends, so the API never receives a
    /// whole body that mixes two versions of it.
    /// </summary>
    public sealed class RecordingMultipartContent : HttpContent
    {
        private const int ChunkSize = 81920;

        // Where the OS has no asynchronous file reads (Linux, macOS), .NET runs each ReadAsync of a FileStream as a
        // blocking read on a thread-pool thread and resumes the copy from there: a thread hop per chunk, and a dozen
        // more methods hot enough to be recompiled during a large upload, for no thread saved (the read blocks a
        // thread either way). There the audio is read inline on the thread that runs the copy, which the cmdlets
        // put on the thread pool. On Windows the reads stay overlapped.
        internal static readonly bool ReadsInline = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly string _boundary;
        private readonly string _filePath;
        private readonly long _fileLength;
        private FileStream? _file;
        private (long Length, DateTime LastWriteTimeUtc) _opened;
        private readonly byte[] _head;
        private readonly byte[] _tail;
        private readonly IProgress<long>? _progress;
        private readonly CancellationToken _cancellationToken;
        // Journal: hashes the audio bytes as they are sent (null without a journal).
        private readonly SentAudioDigest? _sentDigest;

        /// <summary>
        /// Builds the body for <paramref name="request"/>: opens the file now (throwing the <see cref="IOException"/>
        /// or <see cref="UnauthorizedAccessException"/> of a file that cannot be read) and reads its bytes when sent.
        /// </summary>
        public RecordingMultipartContent(RecordingUploadRequest request, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            _boundary = "alpharun-" + Guid.NewGuid().ToString("N");
            _filePath = request.FilePath;
            _file = Open();
            _fileLength = _opened.Length;
            _progress = progress;
            _cancellationToken = cancellationToken;
            _sentDigest = request.SentDigest;

            var head = new StringBuilder();
            AppendPartHeader(head, FileDisposition("audio", request.FileName), request.MediaType);
            _head = Utf8.GetBytes(head.ToString());

            var tail = new StringBuilder("\r\n");
            AppendField(tail, "teammate_email", request.Teammate, null);
            AppendField(tail, "recorded_at", RecordedAtFormat.Format(request.RecordedAt), null);
            if (request.PlaybookId.HasValue) AppendField(tail, "playbook_id", request.PlaybookId.Value.ToString("D"), null);
            AppendField(tail, "contacts", Utf8.GetString(ContactsJson.Encode(request.Contacts)), ContactsJson.MediaType);
            tail.Append("--").Append(_boundary).Append("--\r\n");
            _tail = Utf8.GetBytes(tail.ToString());

            Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=" + _boundary);
        }

        /// <summary>
        /// Called once the last byte of the body has been handed to the stream (for a socket: to the operating system,
        /// which may still hold megabytes of it in its buffers).
        /// </summary>
        internal Action? BodyHandedOver { get; set; }

        /// <summary>Bytes of the audio part's body.</summary>
        public long AudioLength => _fileLength;

        /// <summary>The Content-Disposition of a file part: quoted name and file name, plus filename* for non-ASCII names.</summary>
        public static string FileDisposition(string name, string fileName)
        {
            foreach (char c in fileName)
            {
                if (char.IsControl(c)) throw new ArgumentException("A file name with control characters cannot be sent in a header.", nameof(fileName));
            }
            var sb = new StringBuilder("form-data; name=").Append(Quote(name)).Append("; filename=").Append(Quote(fileName));
            if (!IsPrintableAscii(fileName)) sb.Append("; filename*=UTF-8''").Append(PercentEncode(fileName));
            return sb.ToString();
        }

        /// <inheritdoc />
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_head, 0, _head.Length, _cancellationToken).ConfigureAwait(false);
            using (FileStream file = Interlocked.Exchange(ref _file, null) ?? Reopen())
            // Journal: the digest of this attempt's audio, published only once it has all gone out (see SentAudioDigest),
            // with the stamp the open file had: a path replaced after the open is not journaled as the bytes sent.
            using (SentAudioDigest.Attempt? digest = _sentDigest?.Start(new FileStamp(_opened.Length, _opened.LastWriteTimeUtc.Ticks)))
            {
                byte[] buffer = new byte[ChunkSize];
                long sent = 0;
                while (sent < _fileLength)
                {
                    int want = (int)Math.Min(buffer.Length, _fileLength - sent);
                    int read;
                    if (ReadsInline)
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                        read = file.Read(buffer, 0, want);
                    }
                    else
                    {
                        read = await file.ReadAsync(buffer, 0, want, _cancellationToken).ConfigureAwait(false);
                    }
                    if (read == 0) throw new RecordingFileChangedException($"The file '{_filePath}' became shorter while it was being sent ({sent} of {_fileLength} bytes). Upload it again once it is complete.");
                    digest?.Append(buffer, read);
                    await stream.WriteAsync(buffer, 0, read, _cancellationToken).ConfigureAwait(false);
                    sent += read;
                    _progress?.Report(sent);
                }
                if (file.ReadByte() != -1) throw new RecordingFileChangedException($"The file '{_filePath}' grew while it was being sent; it is probably still being written. Upload it again once it is complete.");
                EnsureNotRewritten(file);
                digest?.Complete(_filePath);
            }
            await stream.WriteAsync(_tail, 0, _tail.Length, _cancellationToken).ConfigureAwait(false);
            BodyHandedOver?.Invoke();
        }

        // Opens the file and notes its length and write time from the handle, as the bytes sent are compared with them.
        private FileStream Open()
        {
            // Inline reads are of the chunk size, which FileStream's own buffer would only pass through (bufferSize 1: none).
            FileStream file = ReadsInline
                ? RecordingFile.OpenRead(_filePath, 1, FileOptions.SequentialScan)
                : RecordingFile.OpenRead(_filePath, ChunkSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            _opened = RecordingFile.Stamp(file);
            return file;
        }

        // Sent a second time (the first handle is spent): the file must still be there.
        private FileStream Reopen()
        {
            try
            {
                return Open();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new RecordingFileChangedException($"The file '{_filePath}' could not be opened to be sent: {e.Message}", e);
            }
        }

        // Rewritten in place at the same length while it was sent: the bytes sent may be no version of the file. Its
        // last write time, read from the open file after its last byte, tells (to the file system's resolution).
        private void EnsureNotRewritten(FileStream file)
        {
            (long length, DateTime written) = RecordingFile.Stamp(file);
            if (length == _opened.Length && written == _opened.LastWriteTimeUtc) return;
            throw new RecordingFileChangedException(
                $"The file '{_filePath}' was written to while it was being sent (last written {_opened.LastWriteTimeUtc:o} when the upload began, {written:o} after): " +
                "what was sent may mix two versions of it, so the upload was not completed. Upload it again once nothing writes to it.");
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing) Interlocked.Exchange(ref _file, null)?.Dispose();
            base.Dispose(disposing);
        }

        /// <inheritdoc />
        protected override bool TryComputeLength(out long length)
        {
            length = _head.Length + _fileLength + _tail.Length;
            return true;
        }

        private void AppendField(StringBuilder sb, string name, string value, string? mediaType)
        {
            AppendPartHeader(sb, "form-data; name=" + Quote(name), mediaType);
            sb.Append(value).Append("\r\n");
        }

        private void AppendPartHeader(StringBuilder sb, string disposition, string? mediaType)
        {
            sb.Append("--").Append(_boundary).Append("\r\n");
            sb.Append("Content-Disposition: ").Append(disposition).Append("\r\n");
            if (mediaType != null) sb.Append("Content-Type: ").Append(mediaType).Append("\r\n");
            sb.Append("\r\n");
        }

        // quoted-string: backslash-escape '\' and '"'; other characters go as UTF-8 (RFC 7578 section 4.2).
        private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        private static bool IsPrintableAscii(string value)
        {
            foreach (char c in value)
            {
                if (c < 0x20 || c > 0x7E) return false;
            }
            return true;
        }

        // RFC 8187 attr-char stays; everything else is percent-encoded UTF-8.
        private static string PercentEncode(string value)
        {
            var sb = new StringBuilder();
            foreach (byte b in Utf8.GetBytes(value))
            {
                char c = (char)b;
                bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".IndexOf(c) >= 0;
                if (plain) sb.Append(c);
                else sb.Append('%').Append(b.ToString("X2"));
            }
            return sb.ToString();
        }
    }
}
