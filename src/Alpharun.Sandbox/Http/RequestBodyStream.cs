using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// A request body, read straight from the connection. A client that sent <c>Expect: 100-continue</c> is told
    /// to go on only when the body is first read, so a request refused on its head (401, 413) never invites it.
    /// </summary>
    internal abstract class RequestBodyStream : Stream
    {
        private static readonly byte[] Continue = Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");

        private bool _continueDue;

        protected RequestBodyStream(HttpConnection connection, bool expectsContinue)
        {
            Connection = connection;
            _continueDue = expectsContinue;
        }

        /// <summary>True once the body's last byte (and, for chunked bodies, its trailer) has been read.</summary>
        public abstract bool IsComplete { get; }

        /// <summary>The Content-Length, or null for a chunked body.</summary>
        public abstract long? DeclaredLength { get; }

        /// <summary>True once anything was read, i.e. once the client was told to continue.</summary>
        public bool Started { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        protected HttpConnection Connection { get; }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (!Started)
            {
                Started = true;
                if (_continueDue && !IsComplete)
                {
                    _continueDue = false;
                    await Connection.WriteAsync(Continue).ConfigureAwait(false);
                }
            }
            return await ReadBodyAsync(buffer, offset, count).ConfigureAwait(false);
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        /// <summary>
        /// Reads and drops up to <paramref name="limit"/> more bytes so that the connection can carry the next
        /// request; false when the body is longer, broken, or was never invited (closing is cheaper then).
        /// </summary>
        public async Task<bool> TryDrainAsync(long limit)
        {
            if (IsComplete) return true;
            if (!Started && _continueDue) return false;
            if (DeclaredLength.HasValue && DeclaredLength.Value > limit && !Started) return false;
            byte[] scratch = new byte[8192];
            long dropped = 0;
            try
            {
                while (dropped <= limit)
                {
                    int n = await ReadAsync(scratch, 0, scratch.Length, CancellationToken.None).ConfigureAwait(false);
                    if (n == 0) return IsComplete;
                    dropped += n;
                }
            }
            catch (HttpProtocolException)
            {
                return false;
            }
            return false;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected abstract Task<int> ReadBodyAsync(byte[] buffer, int offset, int count);
    }
}
