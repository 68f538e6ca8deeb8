using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alpharun
{
    /// <summary>
    /// The first 128 bits of a SHA-256: how the journal holds its keys in memory (16 bytes, no string per key). At
    /// 128 bits two different keys meet by chance with odds of about 1 in 10^29 for a journal of a million lines.
    /// </summary>
    internal readonly struct Hash128 : IEquatable<Hash128>
    {
        public Hash128(ulong high, ulong low)
        {
            High = high;
            Low = low;
        }

        public ulong High { get; }

        public ulong Low { get; }

        /// <summary>The first 16 bytes of <paramref name="sha256"/>.</summary>
        public static Hash128 FromDigest(byte[] sha256)
        {
            if (sha256 is null || sha256.Length < 16) throw new ArgumentException("A digest of at least 16 bytes is needed.", nameof(sha256));
            ulong high = 0, low = 0;
            for (int i = 0; i < 8; i++) high = (high << 8) | sha256[i];
            for (int i = 8; i < 16; i++) low = (low << 8) | sha256[i];
            return new Hash128(high, low);
        }

        /// <summary>SHA-256 of the UTF-8 of <paramref name="material"/>, cut to 128 bits.</summary>
        public static Hash128 Of(string material)
        {
            using SHA256 sha = SHA256.Create();
            return FromDigest(sha.ComputeHash(Encoding.UTF8.GetBytes(material)));
        }

        /// <summary>
        /// Reads the first 32 hex digits of <paramref name="hex"/> (UTF-8 bytes of 32 or 64 hex digits, either case); false
        /// for anything else.
        /// </summary>
        public static bool TryParse(ReadOnlySpan<byte> hex, out Hash128 value)
        {
            value = default;
            if (hex.Length != 32 && hex.Length != 64) return false;
            ulong high = 0, low = 0;
            for (int i = 0; i < 32; i++)
            {
                int digit = HexDigit(hex[i]);
                if (digit < 0) return false;
                if (i < 16) high = (high << 4) | (uint)digit;
                else low = (low << 4) | (uint)digit;
            }
            for (int i = 32; i < hex.Length; i++)
            {
                if (HexDigit(hex[i]) < 0) return false;
            }
            value = new Hash128(high, low);
            return true;
        }

        /// <summary>32 lowercase hex digits.</summary>
        public override string ToString() => High.ToString("x16", CultureInfo.InvariantCulture) + Low.ToString("x16", CultureInfo.InvariantCulture);

        public bool Equals(Hash128 other) => High == other.High && Low == other.Low;

        public override bool Equals(object? obj) => obj is Hash128 other && Equals(other);

        // The bits are a hash already: fold them.
        public override int GetHashCode() => unchecked((int)Low ^ (int)(Low >> 32) ^ (int)High);

        private static int HexDigit(byte c) =>
            c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
            : -1;
    }
}
