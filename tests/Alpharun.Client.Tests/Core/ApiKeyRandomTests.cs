using System;
using System.Linq;
using Xunit;

namespace Alpharun.Tests
{
    /// <summary>The sandbox's random keys: the prefix, then 24 random bytes as 48 lower-case hex digits.</summary>
    public class ApiKeyRandomTests
    {
        [Fact]
        public void ARandomKeyIsThePrefixAnd48HexDigits()
        {
            string[] keys = Enumerable.Range(0, 8).Select(_ => ApiKey.CreateRandom("sk_test_").Reveal()).ToArray();

            Assert.All(keys, k =>
            {
                Assert.StartsWith("sk_test_", k);
                Assert.Equal("sk_test_".Length + 48, k.Length);
                Assert.Matches("^sk_test_[0-9a-f]{48}$", k);
            });
            Assert.Equal(keys.Length, keys.Distinct().Count());
            // 24 bytes of zeros would mean no randomness at all.
            Assert.DoesNotContain(keys, k => k.EndsWith(new string('0', 48), StringComparison.Ordinal));
        }
    }
}
