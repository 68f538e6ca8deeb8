using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>AudioProbe's entry points (path, stream, head and tail) and the ID3-tagged MP3 edge cases it decides itself.</summary>
    public sealed class AudioProbeEntryTests : IDisposable
    {
        private readonly TempFiles _files = new TempFiles();

        public void Dispose() => _files.Dispose();

        private static AudioInfo Probe(byte[] bytes) => AudioProbe.Probe(new MemoryStream(bytes));

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        // An ID3v2.4 tag of `length` bytes in all (header included), holding only padding.
        private static byte[] Id3Tag(int length)
        {
            int size = length - 10;
            byte[] tag = new byte[length];
            Encoding.ASCII.GetBytes("ID3").CopyTo(tag, 0);
            tag[3] = 4;
            for (int i = 0; i < 4; i++) tag[9 - i] = (byte)((size >> (7 * i)) & 0x7F);
            return tag;
        }

        [Fact]
        public void ANullStreamIsRefused() =>
            Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => AudioProbe.Probe((Stream)null!)).ParamName);

        [Fact]
        public void AStreamThatCannotSeekIsRefused()
        {
            var e = Assert.Throws<ArgumentException>(() => AudioProbe.Probe(new NonSeekable()));
            Assert.Equal(("stream", "The stream must be seekable. (Parameter 'stream')"), (e.ParamName, e.Message));
        }

        [Fact]
        public void ANullHeadOrTailIsRefused()
        {
            Assert.Equal("head", Assert.Throws<ArgumentNullException>(() => AudioProbe.Probe(null!, new byte[1], 1)).ParamName);
            Assert.Equal("tail", Assert.Throws<ArgumentNullException>(() => AudioProbe.Probe(new byte[1], null!, 1)).ParamName);
        }

        [Fact]
        public void AnEmptyUploadIsUnrecognised() =>
            Assert.Same(AudioInfo.Unrecognised, AudioProbe.Probe(Array.Empty<byte>(), Array.Empty<byte>(), 0));

        [Fact]
        public void APathTheSystemRefusesIsUnrecognised() =>
            Assert.Same(AudioInfo.Unrecognised, AudioProbe.Probe("call\0.wav"));

        // The recorder may still hold the file open for writing: the check reads beside it.
        [Fact]
        public void AFileStillOpenForWritingIsChecked()
        {
            string path = _files.Create("call.wav", 10);
            File.WriteAllBytes(path, WavBuilder.Pcm(8000, 1, 16, 8000).Build());
            using var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            Assert.Equal(TimeSpan.FromSeconds(1), AudioProbe.Probe(path).Duration);
        }

        // A file another process locked is the validator's to report; the check says only that it does not know.
        [Fact]
        public void AFileLockedByAnotherHandleIsUnrecognised()
        {
            string path = _files.Create("call.wav", 10);
            File.WriteAllBytes(path, WavBuilder.Pcm(8000, 1, 16, 8000).Build());
            using var locker = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            Assert.Same(AudioInfo.Unrecognised, AudioProbe.Probe(path));
        }

        // Info lies past the first 4 KiB (a long SeekHead, Void, Tags): the WebM reader gets the 64 KiB head.
        [Fact]
        public void AWebmInfoPastTheFirstFourKibibytesIsRead()
        {
            byte[] webm = EbmlBuilder.File("webm", EbmlBuilder.Sized(EbmlBuilder.Padding, EbmlBuilder.Size(10_000, 2), new byte[10_000]), EbmlBuilder.InfoWith(1_000_000, 3000));
            Assert.Equal(TimeSpan.FromSeconds(3), Probe(webm).Duration);
        }

        [Fact]
        public void AnId3TagWithBrokenSizeBytesIsADamagedMp3()
        {
            byte[] tag = Id3Tag(100);
            tag[7] = 0x80;
            AudioInfo info = Probe(Concat(tag, new byte[100]));
            Assert.Equal(("a damaged MP3 file: its ID3 tag header is broken", AudioContainer.Mp3), (info.NotAudio, info.Container));
        }

        [Fact]
        public void AFileThatIsOnlyAnId3TagIsAnMp3WithNoAudio()
        {
            AudioInfo info = Probe(Id3Tag(100));
            Assert.Equal(("an MP3 file with no audio: its ID3 tag is as long as the file or longer", AudioContainer.Mp3), (info.NotAudio, info.Container));
        }

        // Four bytes after the tag are within the head: they are read, and are no MPEG frames.
        [Fact]
        public void AnId3TagFollowedByFourBytesOfNoFrameIsUnrecognised() =>
            Assert.Same(AudioInfo.Unrecognised, Probe(Concat(Id3Tag(100), new byte[] { 1, 2, 3, 4 })));

        // The whole file is in the head and ends within 4 bytes of its tag: no frame fits there, so it is not MP3 audio.
        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        public void AnId3TagFollowedByFewerBytesThanAFrameHeaderIsUnrecognised(int after) =>
            Assert.Same(AudioInfo.Unrecognised, Probe(Concat(Id3Tag(100), Enumerable.Repeat((byte)0xFF, after).ToArray())));

        // Cover art makes the tag longer than the 64 KiB head: the audio after it is not searched, but the file is MP3.
        [Fact]
        public void AnId3TagLongerThanTheHeadIsMp3OfUnknownLength()
        {
            byte[] file = Concat(Id3Tag(64 * 1024 + 2), new byte[8 * 1024]);
            AudioInfo info = Probe(file);
            Assert.Equal((AudioContainer.Mp3, "audio/mpeg", "MP3", (TimeSpan?)null, (string?)null), (info.Container, info.MediaType, info.Codec, info.Duration, info.NotAudio));
        }

        private sealed class NonSeekable : MemoryStream
        {
            public override bool CanSeek => false;
        }
    }
}
