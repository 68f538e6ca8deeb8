using System;
using System.IO;

namespace Alpharun
{
    /// <summary>
    /// Bounded random access to the bytes being checked: the first <see cref="HeadSize"/> bytes are read once, any
    /// other read counts against a budget of reads and bytes, so no header, however it lies, makes the check read
    /// the whole file or loop. A read it cannot serve (budget spent, or bytes it was never given) marks the check
    /// <see cref="Incomplete"/>, so a missing byte is never taken for a broken file.
    /// </summary>
    internal sealed class AudioSource
    {
        /// <summary>Bytes read from the start of the file up front: enough to recognise every container and non-audio signature.</summary>
        public const int FirstSize = 4 * 1024;

        /// <summary>Bytes of the head once a container that reads it directly is recognised (<see cref="ExtendHead"/>).</summary>
        public const int HeadSize = 64 * 1024;

        /// <summary>Bytes kept from the end of a stream that cannot seek (the sandbox's upload).</summary>
        public const int TailSize = 64 * 1024;

        private const int MaxReads = 256;
        private const long MaxBytes = 1024 * 1024;

        private readonly Stream? _stream;
        private readonly byte[] _tail = Array.Empty<byte>();
        private int _reads;
        private long _bytes;

        public AudioSource(Stream stream)
        {
            _stream = stream;
            Length = stream.Length;
            Head = Read(0, (int)Math.Min(FirstSize, Length), counted: false);
        }

        /// <summary>Only the first and last bytes of a file of <paramref name="length"/> bytes are known.</summary>
        public AudioSource(byte[] head, byte[] tail, long length)
        {
            Head = head;
            _tail = tail;
            Length = length;
        }

        /// <summary>The file's length.</summary>
        public long Length { get; }

        /// <summary>The first bytes of the file: <see cref="FirstSize"/>, or <see cref="HeadSize"/> after <see cref="ExtendHead"/> (all of it when shorter).</summary>
        public byte[] Head { get; private set; }

        /// <summary>Reads the head up to <see cref="HeadSize"/>, for the readers that search it (MP3, Ogg, WebM).</summary>
        public void ExtendHead()
        {
            if (_stream is null || Head.Length >= Math.Min(HeadSize, Length)) return;
            Head = Read(0, (int)Math.Min(HeadSize, Length), counted: false);
        }

        /// <summary>True once a read inside the file could not be served: the answer may lack what those bytes held.</summary>
        public bool Incomplete { get; private set; }

        /// <summary>
        /// Up to <paramref name="count"/> bytes at <paramref name="offset"/>; fewer at the end of the file, and none
        /// once the budget is spent or the offset lies outside the file.
        /// </summary>
        public byte[] ReadAt(long offset, int count)
        {
            if (offset < 0 || count <= 0 || offset >= Length) return Array.Empty<byte>();
            count = (int)Math.Min(count, Length - offset);
            if (offset + count <= Head.Length) return Copy(Head, offset, count);
            long tailStart = Length - _tail.Length;
            if (_tail.Length > 0 && offset >= tailStart) return Copy(_tail, offset - tailStart, count);
            if (_stream is null || _reads >= MaxReads || _bytes + count > MaxBytes)
            {
                Incomplete = true;
                return Array.Empty<byte>();
            }
            return Read(offset, count, counted: true);
        }

        private static byte[] Copy(byte[] from, long offset, int count)
        {
            var copy = new byte[count];
            Buffer.BlockCopy(from, (int)offset, copy, 0, count);
            return copy;
        }

        private byte[] Read(long offset, int count, bool counted)
        {
            if (counted)
            {
                _reads++;
                _bytes += count;
            }
            var buffer = new byte[count];
            _stream!.Seek(offset, SeekOrigin.Begin);
            int total = 0;
            while (total < count)
            {
                int n = _stream.Read(buffer, total, count - total);
                if (n == 0) break;
                total += n;
            }
            if (total < count) Array.Resize(ref buffer, total);
            return buffer;
        }
    }
}
