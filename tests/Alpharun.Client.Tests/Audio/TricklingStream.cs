using System;
using System.IO;

namespace Alpharun.Tests
{
    /// <summary>
    /// A seekable stream that returns at most a few bytes per read, and may claim more bytes than it holds (a file
    /// cut while being read), to check the probe's read loop.
    /// </summary>
    internal sealed class TricklingStream : MemoryStream
    {
        private readonly int _perRead;
        private readonly long _claimedExtra;

        public TricklingStream(byte[] bytes, int perRead, long claimedExtra) : base(bytes, writable: false)
        {
            _perRead = perRead;
            _claimedExtra = claimedExtra;
        }

        public override long Length => base.Length + _claimedExtra;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _perRead));
    }
}
