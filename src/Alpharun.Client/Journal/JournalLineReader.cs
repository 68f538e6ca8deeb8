using System;
using System.IO;

namespace Alpharun
{
    /// <summary>
    /// Splits a journal into lines with bounded memory: it reads in 64 KiB blocks into one buffer, and a line longer
    /// than <see cref="MaxLineBytes"/> (no real entry comes close: a path of 32,767 characters is under 100 KB of
    /// UTF-8) is passed over to its end without being kept, so a corrupt file costs its read and no more.
    /// </summary>
    internal sealed class JournalLineReader
    {
        /// <summary>The longest line read; longer ones are counted as not readable.</summary>
        public const int MaxLineBytes = 128 * 1024;

        private const int BlockSize = 64 * 1024;

        private readonly Stream _stream;
        private readonly byte[] _buffer = new byte[MaxLineBytes + BlockSize];
        private int _start;
        private int _end;
        private bool _eof;

        public JournalLineReader(Stream stream)
        {
            _stream = stream;
        }

        /// <summary>Lines too long to be entries, passed over.</summary>
        public int LongLines { get; private set; }

        /// <summary>The next line without its line feed (and carriage return); false at the end of the stream.</summary>
        public bool TryRead(out ReadOnlySpan<byte> line)
        {
            bool skipping = false;
            while (true)
            {
                int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    int from = _start;
                    _start += newline + 1;
                    if (skipping) return TryRead(out line);
                    line = Trim(_buffer.AsSpan(from, newline));
                    return true;
                }
                if (_eof)
                {
                    if (skipping || _start == _end)
                    {
                        _start = _end;
                        line = default;
                        return false;
                    }
                    // The last line, without a line feed (a write cut short by a crash, or an edited file).
                    int from = _start;
                    _start = _end;
                    line = Trim(_buffer.AsSpan(from, _end - from));
                    return true;
                }
                if (_end - _start > MaxLineBytes && !skipping)
                {
                    skipping = true;
                    LongLines++;
                }
                if (skipping)
                {
                    // Nothing of a line being passed over is kept.
                    _start = _end = 0;
                }
                else if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }
                int read = _stream.Read(_buffer, _end, Math.Min(BlockSize, _buffer.Length - _end));
                if (read == 0) _eof = true;
                _end += read;
            }
        }

        private static ReadOnlySpan<byte> Trim(Span<byte> line) =>
            line.Length > 0 && line[line.Length - 1] == (byte)'\r' ? line.Slice(0, line.Length - 1) : line;
    }
}
