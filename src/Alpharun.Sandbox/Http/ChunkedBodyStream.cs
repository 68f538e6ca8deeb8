using System;
using System.Globalization;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>A <c>Transfer-Encoding: chunked</c> body (RFC 9112 section 7.1), bounded by the server's body limit.</summary>
    internal sealed class ChunkedBodyStream : RequestBodyStream
    {
        private const int MaxLineLength = 4096;
        private const int MaxTrailerLines = 100;

        private readonly long _maxBytes;
        private long _total;
        private long _chunkRemaining;
        private bool _complete;

        public ChunkedBodyStream(HttpConnection connection, long maxBytes, bool expectsContinue)
            : base(connection, expectsContinue)
        {
            _maxBytes = maxBytes;
        }

        public override bool IsComplete => _complete;

        public override long? DeclaredLength => null;

        protected override async Task<int> ReadBodyAsync(byte[] buffer, int offset, int count)
        {
            if (_complete || count == 0) return 0;
            if (_chunkRemaining == 0)
            {
                long size = await ReadChunkSizeAsync().ConfigureAwait(false);
                if (size == 0)
                {
                    await SkipTrailerAsync().ConfigureAwait(false);
                    _complete = true;
                    return 0;
                }
                if (size > _maxBytes - _total)
                {
                    throw new HttpProtocolException(413, $"The request body is larger than the {_maxBytes} bytes the sandbox accepts.");
                }
                _total += size;
                _chunkRemaining = size;
            }

            int n = await Connection.ReadAsync(buffer, offset, (int)Math.Min(count, _chunkRemaining)).ConfigureAwait(false);
            if (n == 0) throw Truncated();
            _chunkRemaining -= n;
            if (_chunkRemaining == 0)
            {
                string? end = await ReadLineAsync().ConfigureAwait(false);
                if (end is null) throw Truncated();
                if (end.Length != 0) throw new HttpProtocolException(400, "A chunk of the request body is longer than its size line says.");
            }
            return n;
        }

        private async Task<long> ReadChunkSizeAsync()
        {
            string? line = await ReadLineAsync().ConfigureAwait(false);
            if (line is null) throw Truncated();
            int semicolon = line.IndexOf(';');
            string hex = (semicolon < 0 ? line : line.Substring(0, semicolon)).Trim(' ', '\t');
            if (hex.Length == 0 || hex.Length > 15 || !long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long size))
            {
                throw new HttpProtocolException(400, $"'{Shorten(line)}' is not a chunk size line.");
            }
            return size;
        }

        private async Task SkipTrailerAsync()
        {
            for (int i = 0; i <= MaxTrailerLines; i++)
            {
                string? line = await ReadLineAsync().ConfigureAwait(false);
                if (line is null) throw Truncated();
                if (line.Length == 0) return;
            }
            throw new HttpProtocolException(431, $"The chunked body's trailer has more than {MaxTrailerLines} lines.");
        }

        private Task<string?> ReadLineAsync() =>
            Connection.ReadLineAsync(MaxLineLength, 400, $"A line of the chunked request body is longer than {MaxLineLength} bytes.");

        private static HttpProtocolException Truncated() =>
            new HttpProtocolException(400, "The chunked request body ended before its last (zero-size) chunk.");

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
    }
}
