using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// Reads a multipart/form-data body (RFC 7578, RFC 2046 section 5.1) one part at a time, holding no more than
    /// one buffer of it: each part's body is a stream that ends at the next delimiter, so a file part of any size
    /// passes through in constant memory.
    /// </summary>
    internal sealed class MultipartFormReader
    {
        public const int MaxBoundaryLength = 70;
        private const int BufferSize = 64 * 1024;
        private const int MaxPartHeaderBytes = 16 * 1024;
        private const int MaxPartHeaders = 32;
        private const int MaxTransportPadding = 256;

        private static readonly Encoding HeaderEncoding = new UTF8Encoding(false, false);

        private readonly Stream _body;
        private readonly string _boundary;
        private readonly byte[] _dashBoundary;
        private readonly byte[] _delimiter;
        private readonly byte[] _buffer = new byte[BufferSize];
        private int _start;
        private int _end;
        private bool _bodyEnded;

        // Bytes in [_start, _safeEnd) are data known not to begin a delimiter; _delimiterAt is where the next one starts.
        private int _safeEnd;
        private int _delimiterAt = -1;

        private State _state = State.Preamble;
        private int _partNumber;

        public MultipartFormReader(Stream body, string boundary)
        {
            _body = body ?? throw new ArgumentNullException(nameof(body));
            if (string.IsNullOrEmpty(boundary)) throw new ArgumentException("The boundary is empty.", nameof(boundary));
            _boundary = boundary;
            _dashBoundary = Encoding.UTF8.GetBytes("--" + boundary);
            _delimiter = Encoding.UTF8.GetBytes("\r\n--" + boundary);
        }

        private enum State
        {
            Preamble,
            PartBody,
            PartHeaders,
            Finished,
        }

        /// <summary>
        /// The boundary of a <c>multipart/form-data</c> Content-Type, quoted or not; false with a reason for any
        /// other type or a missing or invalid boundary.
        /// </summary>
        public static bool TryGetBoundary(string? contentType, out string boundary, out string error)
        {
            boundary = string.Empty;
            if (string.IsNullOrWhiteSpace(contentType))
            {
                error = "The request has no Content-Type. Send the upload as multipart/form-data with a boundary.";
                return false;
            }
            if (!HeaderValueParser.TryParse(contentType!, out string mediaType, out Dictionary<string, string> parameters, out string parseError))
            {
                error = "The Content-Type cannot be parsed: " + parseError;
                return false;
            }
            if (!string.Equals(mediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                error = $"The Content-Type is '{mediaType}'. Send the upload as multipart/form-data.";
                return false;
            }
            if (!parameters.TryGetValue("boundary", out string? value) || value.Length == 0)
            {
                error = "The multipart/form-data Content-Type has no boundary parameter.";
                return false;
            }
            if (value.Length > MaxBoundaryLength || value[value.Length - 1] == ' ' || HasControlOrNonAscii(value))
            {
                error = $"The multipart boundary is invalid: it must be 1 to {MaxBoundaryLength} printable ASCII characters, not ending in a space.";
                return false;
            }
            boundary = value;
            error = string.Empty;
            return true;
        }

        /// <summary>The next part, or null after the closing delimiter. Whatever is left of the previous part is skipped.</summary>
        public async Task<MultipartPart?> ReadNextPartAsync(CancellationToken cancellationToken = default)
        {
            if (_state == State.Preamble) await SkipPreambleAsync(cancellationToken).ConfigureAwait(false);
            else if (_state == State.PartBody) await SkipPartBodyAsync(cancellationToken).ConfigureAwait(false);
            if (_state == State.Finished) return null;

            Dictionary<string, string> headers = await ReadPartHeadersAsync(cancellationToken).ConfigureAwait(false);
            _partNumber++;
            if (!headers.TryGetValue("Content-Disposition", out string? disposition))
            {
                throw new MultipartFormatException($"Part {_partNumber} of the form has no Content-Disposition header.");
            }
            if (!HeaderValueParser.TryParse(disposition, out _, out Dictionary<string, string> parameters, out string error))
            {
                throw new MultipartFormatException($"The Content-Disposition of part {_partNumber} cannot be parsed: {error}");
            }
            if (!parameters.TryGetValue("name", out string? name) || name.Length == 0)
            {
                throw new MultipartFormatException($"Part {_partNumber} of the form has no name in its Content-Disposition.");
            }

            string? fileName = parameters.TryGetValue("filename", out string? plain) ? plain : null;
            if (parameters.TryGetValue("filename*", out string? extended) && HeaderValueParser.TryDecodeExtendedValue(extended, out string decoded))
            {
                fileName = decoded;
            }
            string? contentType = headers.TryGetValue("Content-Type", out string? type) ? type : null;

            _state = State.PartBody;
            return new MultipartPart(name, fileName, contentType, headers, new PartStream(this, _partNumber));
        }

        private async Task<int> ReadPartDataAsync(int partNumber, byte[] destination, int offset, int count, CancellationToken cancellationToken)
        {
            if (partNumber != _partNumber || _state != State.PartBody || count == 0) return 0;
            int n = await ReadUntilDelimiterAsync(destination, offset, count, cancellationToken).ConfigureAwait(false);
            if (n == 0) await ReadAfterDelimiterAsync(cancellationToken).ConfigureAwait(false);
            return n;
        }

        // Copies data up to the next delimiter; 0 once the delimiter is reached (and consumed).
        private async Task<int> ReadUntilDelimiterAsync(byte[] destination, int offset, int count, CancellationToken cancellationToken)
        {
            while (true)
            {
                if (_safeEnd > _start)
                {
                    int n = Math.Min(count, _safeEnd - _start);
                    Buffer.BlockCopy(_buffer, _start, destination, offset, n);
                    _start += n;
                    return n;
                }
                if (_delimiterAt == _start)
                {
                    _start += _delimiter.Length;
                    _delimiterAt = -1;
                    _safeEnd = _start;
                    return 0;
                }

                int found = IndexOf(_delimiter, _start, _end);
                if (found >= 0)
                {
                    _delimiterAt = found;
                    _safeEnd = found;
                    continue;
                }
                // A delimiter may begin in the last bytes and end in the next read: hold those back.
                _safeEnd = Math.Max(_start, _end - (_delimiter.Length - 1));
                if (_safeEnd > _start) continue;
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new MultipartFormatException(_state == State.Preamble
                        ? $"The body holds no boundary delimiter '--{_boundary}'. Check the boundary in the Content-Type."
                        : $"The body ended inside part {_partNumber}, before the closing delimiter '--{_boundary}--'. The upload is incomplete.");
                }
            }
        }

        private async Task SkipPreambleAsync(CancellationToken cancellationToken)
        {
            // The first delimiter may open the body without the CRLF that precedes every later one.
            await EnsureAsync(_dashBoundary.Length, cancellationToken).ConfigureAwait(false);
            if (StartsWith(_dashBoundary, _start))
            {
                _start += _dashBoundary.Length;
            }
            else
            {
                byte[] scratch = new byte[8192];
                while (await ReadUntilDelimiterAsync(scratch, 0, scratch.Length, cancellationToken).ConfigureAwait(false) > 0)
                {
                }
            }
            await ReadAfterDelimiterAsync(cancellationToken).ConfigureAwait(false);
        }

        private async Task SkipPartBodyAsync(CancellationToken cancellationToken)
        {
            byte[] scratch = new byte[8192];
            while (await ReadPartDataAsync(_partNumber, scratch, 0, scratch.Length, cancellationToken).ConfigureAwait(false) > 0)
            {
            }
        }

        // After "--boundary": "--" closes the body; otherwise optional padding and CRLF open the next part's headers.
        private async Task ReadAfterDelimiterAsync(CancellationToken cancellationToken)
        {
            await EnsureAsync(2, cancellationToken).ConfigureAwait(false);
            if (_end - _start >= 2 && _buffer[_start] == '-' && _buffer[_start + 1] == '-')
            {
                _start += 2;
                _state = State.Finished;
                return;
            }
            for (int padding = 0; padding <= MaxTransportPadding; padding++)
            {
                if (!await EnsureAsync(1, cancellationToken).ConfigureAwait(false)) break;
                byte b = _buffer[_start];
                if (b == ' ' || b == '\t')
                {
                    _start++;
                    continue;
                }
                if (b == '\n' || (b == '\r' && await EnsureAsync(2, cancellationToken).ConfigureAwait(false) && _buffer[_start + 1] == '\n'))
                {
                    _start += b == '\n' ? 1 : 2;
                    _safeEnd = _start;
                    _state = State.PartHeaders;
                    return;
                }
                break;
            }
            if (_bodyEnded && _end - _start <= 1)
            {
                throw new MultipartFormatException($"The body ended after a boundary delimiter, without the closing delimiter '--{_boundary}--'. The upload is incomplete.");
            }
            throw new MultipartFormatException($"A boundary delimiter '--{_boundary}' is followed by other text on its line. Check that the boundary does not occur inside a part.");
        }

        private async Task<Dictionary<string, string>> ReadPartHeadersAsync(CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            int budget = MaxPartHeaderBytes;
            string? last = null;
            while (true)
            {
                (string line, int bytes) = await ReadHeaderLineAsync(budget, cancellationToken).ConfigureAwait(false);
                budget -= bytes;
                if (line.Length == 0) break;
                if ((line[0] == ' ' || line[0] == '\t') && last != null)
                {
                    headers[last] += " " + line.Trim(' ', '\t');
                    continue;
                }
                int colon = line.IndexOf(':');
                if (colon <= 0) throw new MultipartFormatException($"A header line of part {_partNumber + 1} is not 'Name: value'.");
                if (headers.Count == MaxPartHeaders) throw new MultipartFormatException($"Part {_partNumber + 1} has more than {MaxPartHeaders} headers.");
                last = line.Substring(0, colon).Trim(' ', '\t');
                if (!headers.ContainsKey(last)) headers.Add(last, line.Substring(colon + 1).Trim(' ', '\t'));
            }
            _safeEnd = _start;
            _delimiterAt = -1;
            return headers;
        }

        // Part headers are UTF-8 (RFC 7578 section 5.1), so file names arrive as the client wrote them. The budget is
        // in bytes, line ends included, and a line is judged by the same bytes however the body arrives: a CR still
        // waiting for its LF is a line end, not a header byte.
        private async Task<(string Line, int Bytes)> ReadHeaderLineAsync(int budget, CancellationToken cancellationToken)
        {
            while (true)
            {
                int lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (lf >= 0)
                {
                    int length = lf - _start;
                    if (length > 0 && _buffer[lf - 1] == '\r') length--;
                    if (length > budget) break;
                    string line = HeaderEncoding.GetString(_buffer, _start, length);
                    int bytes = lf + 1 - _start;
                    _start = lf + 1;
                    return (line, bytes);
                }
                int pending = _end - _start;
                if (pending > 0 && _buffer[_end - 1] == '\r') pending--;
                if (pending > budget) break;
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new MultipartFormatException($"The body ended inside the headers of part {_partNumber + 1}. The upload is incomplete.");
                }
            }
            throw new MultipartFormatException($"The headers of part {_partNumber + 1} are larger than {MaxPartHeaderBytes / 1024} KiB.");
        }

        private async Task<bool> EnsureAsync(int count, CancellationToken cancellationToken)
        {
            while (_end - _start < count)
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return false;
            }
            return true;
        }

        // Moves what is left to the front and reads more after it; scan positions are reset, since they moved.
        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            if (_bodyEnded) return false;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            _safeEnd = 0;
            _delimiterAt = -1;
            if (_end == _buffer.Length) return true;
            int n = await _body.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                _bodyEnded = true;
                return false;
            }
            _end += n;
            return true;
        }

        private int IndexOf(byte[] pattern, int from, int to)
        {
            int last = to - pattern.Length;
            int i = from;
            while (i <= last)
            {
                i = Array.IndexOf(_buffer, pattern[0], i, last - i + 1);
                if (i < 0) return -1;
                if (StartsWith(pattern, i)) return i;
                i++;
            }
            return -1;
        }

        private bool StartsWith(byte[] pattern, int at)
        {
            if (_end - at < pattern.Length) return false;
            for (int j = 0; j < pattern.Length; j++)
            {
                if (_buffer[at + j] != pattern[j]) return false;
            }
            return true;
        }

        private static bool HasControlOrNonAscii(string value)
        {
            foreach (char c in value)
            {
                if (c < 0x20 || c > 0x7E) return true;
            }
            return false;
        }

        // A read-only view of one part's body; it reads nothing once the reader has moved to a later part.
        private sealed class PartStream : Stream
        {
            private readonly MultipartFormReader _reader;
            private readonly int _partNumber;

            public PartStream(MultipartFormReader reader, int partNumber)
            {
                _reader = reader;
                _partNumber = partNumber;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();

            public override long Position
            {
                get => throw new NotSupportedException();
                set => throw new NotSupportedException();
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                _reader.ReadPartDataAsync(_partNumber, buffer, offset, count, cancellationToken);

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
