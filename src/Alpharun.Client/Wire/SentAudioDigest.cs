using System;
using System.Security.Cryptography;

namespace Alpharun
{
    /// <summary>
    /// The SHA-256 of the audio bytes a request actually sent, computed while they stream
    /// (<see cref="RecordingMultipartContent"/> feeds it), so the journal never describes bytes other than those sent
    /// and a file is read once. Each attempt starts over; only an attempt whose body went out whole leaves a
    /// <see cref="Result"/>: a body cut short (an early answer, a failure) leaves none.
    /// </summary>
    internal sealed class SentAudioDigest
    {
        /// <summary>Bytes from the start of the audio hashed apart: the journal's cheap test of whether a full hash can match.</summary>
        public const int HeadSize = 4096;

        private readonly object _gate = new object();
        private int _attempt;
        private SentAudio? _result;

        /// <summary>What the last whole body sent; null until one went out whole (and again as each attempt starts).</summary>
        public SentAudio? Result
        {
            get { lock (_gate) return _result; }
        }

        /// <summary>Starts an attempt over the file at <paramref name="path"/>: its size and last write time are taken now, before it is opened.</summary>
        public Attempt Start(string path) => Start(FileStamp.Of(path));

        /// <summary>Starts an attempt over a file already open, whose size and last write time were <paramref name="opened"/> when it was opened.</summary>
        public Attempt Start(FileStamp? opened)
        {
            lock (_gate)
            {
                _result = null;
                return new Attempt(this, ++_attempt, opened);
            }
        }

        private void Publish(int attempt, SentAudio result)
        {
            lock (_gate)
            {
                // An attempt abandoned (timed out) may still finish reading after the next one started: it does not count.
                if (attempt == _attempt) _result = result;
            }
        }

        /// <summary>One attempt's running hash.</summary>
        internal sealed class Attempt : IDisposable
        {
            private readonly SentAudioDigest _owner;
            private readonly int _number;
            private readonly FileStamp? _before;
            private readonly IncrementalHash _all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            private readonly IncrementalHash _head = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            private long _sent;

            internal Attempt(SentAudioDigest owner, int number, FileStamp? before)
            {
                _owner = owner;
                _number = number;
                _before = before;
            }

            /// <summary>Adds bytes just read for the body, in order.</summary>
            public void Append(byte[] buffer, int count)
            {
                _all.AppendData(buffer, 0, count);
                if (_sent < HeadSize) _head.AppendData(buffer, 0, (int)Math.Min(count, HeadSize - _sent));
                _sent += count;
            }

            /// <summary>
            /// The audio went out whole: publishes its digest. The file's stamp is kept only when it was the same
            /// before the file was opened and after its last byte was read, and matches the bytes sent; otherwise the
            /// file changed around the send and the journal cannot tell a later run which file those bytes were.
            /// </summary>
            public void Complete(string path)
            {
                FileStamp? after = FileStamp.Of(path);
                FileStamp? stable = _before.HasValue && after.HasValue && _before.Value.Equals(after.Value) && _before.Value.Length == _sent ? _before : null;
                _owner.Publish(_number, new SentAudio(_sent, _all.GetHashAndReset(), Hash128.FromDigest(_head.GetHashAndReset()), stable));
            }

            public void Dispose()
            {
                _all.Dispose();
                _head.Dispose();
            }
        }
    }

    /// <summary>What one whole body sent: its length, SHA-256, the hash of its first bytes and, when stable, the file's stamp.</summary>
    internal sealed class SentAudio
    {
        public SentAudio(long length, byte[] sha256, Hash128 head, FileStamp? stamp)
        {
            Length = length;
            Sha256 = sha256;
            Head = head;
            Stamp = stamp;
        }

        public long Length { get; }

        public byte[] Sha256 { get; }

        public Hash128 Head { get; }

        public FileStamp? Stamp { get; }
    }
}
