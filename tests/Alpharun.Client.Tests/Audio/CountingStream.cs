using System.IO;

namespace Alpharun.Tests
{
    /// <summary>A seekable in-memory stream that counts the bytes read from it, so a test can see what the check read.</summary>
    internal sealed class CountingStream : MemoryStream
    {
        public CountingStream(byte[] bytes) : base(bytes, writable: false) { }

        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = base.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
    }
}
