using System;

namespace Alpharun
{
    /// <summary>What <see cref="AudioProbe"/> found in a file's bytes: its container, length and recording date, or why it is not audio.</summary>
    public sealed class AudioInfo
    {
        /// <summary>Nothing recognised and nothing clearly non-audio: the file is sent as named.</summary>
        public static readonly AudioInfo Unrecognised = new AudioInfo(AudioContainer.Unrecognised, null, null, null, null, null);

        private AudioInfo(AudioContainer container, string? mediaType, TimeSpan? duration, MetadataDate? recordedAt, string? notAudio, string? codec)
        {
            Container = container;
            MediaType = mediaType;
            Duration = duration;
            RecordedAt = recordedAt;
            NotAudio = notAudio;
            Codec = codec;
        }

        /// <summary>The container recognised; <see cref="AudioContainer.Unrecognised"/> when none was.</summary>
        public AudioContainer Container { get; }

        /// <summary>The media type of the content when recognised, e.g. audio/wav; otherwise null.</summary>
        public string? MediaType { get; }

        /// <summary>The codec when the container names it (e.g. PCM, Opus, Vorbis); otherwise null.</summary>
        public string? Codec { get; }

        /// <summary>The length of the audio, or null where the header does not tell it.</summary>
        public TimeSpan? Duration { get; }

        /// <summary>When the recording says it was made (bext, INFO/ICRD, ID3v2 TDRC, mvhd, Vorbis/FLAC DATE), or null.</summary>
        public MetadataDate? RecordedAt { get; }

        /// <summary>
        /// When the bytes are clearly not audio (or an audio container broken beyond use), what they look like,
        /// e.g. "a PDF document"; null otherwise.
        /// </summary>
        public string? NotAudio { get; }

        /// <summary>
        /// When the bytes look like a recording its writer has not finished — a WAV header with placeholder sizes or
        /// promising more than the file holds, an MP4 without its index, an Ogg stream without its last page — what
        /// shows it, e.g. "its WAV header still holds placeholder sizes"; null otherwise. <see cref="RecordingReadiness"/>
        /// weighs it with the file's age: still being recorded, or a recording whose writer stopped.
        /// </summary>
        public string? Unfinished { get; private set; }

        /// <summary>True when the container was recognised and is usable.</summary>
        public bool IsRecognised => Container != AudioContainer.Unrecognised && NotAudio is null;

        /// <summary>A recognised container.</summary>
        public static AudioInfo Recognised(AudioContainer container, string mediaType, TimeSpan? duration, MetadataDate? recordedAt, string? codec = null) =>
            new AudioInfo(container, mediaType, duration, recordedAt, null, codec);

        /// <summary>Bytes that are not audio; <paramref name="looksLike"/> says what they look like ("a PDF document").</summary>
        public static AudioInfo NotAudioFile(string looksLike, AudioContainer container = AudioContainer.Unrecognised) =>
            new AudioInfo(container, null, null, null, looksLike, null);

        /// <summary>This result, marked as unfinished: <paramref name="evidence"/> says what shows it.</summary>
        internal AudioInfo WithUnfinished(string evidence) =>
            new AudioInfo(Container, MediaType, Duration, RecordedAt, NotAudio, Codec) { Unfinished = evidence };

        /// <inheritdoc />
        public override string ToString() => NotAudio != null ? "not audio: " + NotAudio : $"{Container} {MediaType} {Duration}";
    }
}
