using System;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>A body of a declared length; the connection ending before it is a truncated request.</summary>
    internal sealed class ContentLengthBodyStream : RequestBodyStream
    {
        private readonly long _length;
        private long _remaining;

        public ContentLengthBodyStream(HttpConnection connection, long length, bool expectsContinue)
            : base(connection, expectsContinue)
        {
            _length = length;
            _remaining = length;
        }

        public override bool IsComplete => _remaining == 0;

        public override long? DeclaredLength => _length;

        protected override async Task<int> ReadBodyAsync(byte[] buffer, int offset, int count)
        {
            if (_remaining == 0 || count == 0) return 0;
            int n = await Connection.ReadAsync(buffer, offset, (int)Math.Min(count, _remaining)).ConfigureAwait(false);
            if (n == 0)
            {
                throw new HttpProtocolException(400, $"The request body ended after {_length - _remaining} of the {_length} bytes its Content-Length announced.");
            }
            _remaining -= n;
            return n;
        }
    }
}
