using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>Thousands of mutated headers of every sample: the check answers each, never throws, never hangs.</summary>
    public class AudioProbeFuzzTests
    {
        private const int MutationsPerSample = 1500;

        private static readonly uint[] LyingValues = { 0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF };

        [Theory]
        [InlineData("bext.wav")]
        [InlineData("rf64.wav")]
        [InlineData("tone.flac")]
        [InlineData("cbr.mp3")]
        [InlineData("vbr.mp3")]
        [InlineData("tone.m4a")]
        [InlineData("vorbis.ogg")]
        [InlineData("opus.opus")]
        [InlineData("tone.webm")]
        public void MutatedHeadersNeverThrowOrHang(string sample)
        {
            byte[] original = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Audio", "Samples", sample));
            var random = new Random(StableSeed(sample)); // string.GetHashCode changes per process: a failure must reproduce
            var slowest = TimeSpan.Zero;
            int unusable = 0;
            for (int i = 0; i < MutationsPerSample; i++)
            {
                byte[] mutated = Mutate(original, random);
                var clock = Stopwatch.StartNew();
                AudioInfo info;
                try
                {
                    info = AudioProbe.Probe(new MemoryStream(mutated));
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"Mutation {i} of {sample} threw {e.GetType().Name}: {e.Message}\n{Convert.ToBase64String(mutated, 0, Math.Min(mutated.Length, 512))}");
                }
                if (clock.Elapsed > slowest) slowest = clock.Elapsed;
                if (!info.IsRecognised) unusable++;
            }
            Assert.True(slowest < TimeSpan.FromSeconds(1), $"the slowest check took {slowest.TotalMilliseconds:0} ms");
            Assert.True(unusable > 0, "every mutation was still recognised: the fuzzing did not reach the header checks");
        }

        private static int StableSeed(string text)
        {
            int seed = 17;
            foreach (char c in text) seed = seed * 31 + c;
            return seed;
        }

        // One of: bytes flipped in the header, a 32-bit field set to a lying value, or the file cut short.
        private static byte[] Mutate(byte[] original, Random random)
        {
            int kind = random.Next(4);
            byte[] bytes = (byte[])original.Clone();
            int header = Math.Min(bytes.Length, 600);
            switch (kind)
            {
                case 0:
                    for (int n = random.Next(1, 9); n > 0; n--) bytes[random.Next(header)] = (byte)random.Next(256);
                    break;
                case 1:
                    for (int n = random.Next(1, 4); n > 0; n--)
                    {
                        int at = random.Next(Math.Max(1, header - 4));
                        uint value = LyingValues[random.Next(LyingValues.Length)];
                        bool bigEndian = random.Next(2) == 0;
                        for (int b = 0; b < 4 && at + b < bytes.Length; b++) bytes[at + b] = (byte)(bigEndian ? value >> (24 - 8 * b) : value >> (8 * b));
                    }
                    break;
                case 2:
                    Array.Resize(ref bytes, random.Next(1, bytes.Length));
                    break;
                default:
                    Array.Resize(ref bytes, random.Next(1, bytes.Length));
                    for (int n = random.Next(1, 5); n > 0; n--) bytes[random.Next(Math.Min(bytes.Length, header))] ^= (byte)(1 << random.Next(8));
                    break;
            }
            return bytes;
        }
    }
}
