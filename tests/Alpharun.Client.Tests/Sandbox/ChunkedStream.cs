using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Tests.Sandbox
{
    /// <summary>
    /// A read-only body that hands out at most <c>chunk</c> bytes per read (1: every delimiter and header line straddles
    /// reads) and fails a read after it has reported the end, so a reader that reads past the end is caught.
    /// </summary>
    internal sealed class ChunkedStream : Stream
    {
        private readonly byte[] _bytes;
        private readonly int _chunk;
        private int _position;
        private bool _endReported;

        public ChunkedStream(byte[] bytes, int chunk = int.MaxValue)
        {
            _bytes = bytes;
            _chunk = chunk;
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

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_endReported) throw new InvalidOperationException("The body was read again after it reported its end.");
            int n = Math.Min(Math.Min(count, _chunk), _bytes.Length - _position);
            Buffer.BlockCopy(_bytes, _position, buffer, offset, n);
            _position += n;
            if (n == 0 && count > 0) _endReported = true;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            byte[] copy = new byte[buffer.Length];
            int n = Read(copy, 0, copy.Length);
            copy.AsMemory(0, n).CopyTo(buffer);
            return new ValueTask<int>(n);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
