using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace Alpharun
{
    /// <summary>
    /// An API key held as a <see cref="SecureString"/>. It is turned into plain text only to build the
    /// Authorization header (or, in the sandbox, to compare with the one presented), and never prints.
    /// </summary>
    public sealed class ApiKey
    {
        private readonly SecureString _secret;

        private ApiKey(SecureString secret)
        {
            _secret = secret;
            _secret.MakeReadOnly();
        }

        /// <summary>Wraps a copy of <paramref name="secret"/>.</summary>
        public static ApiKey FromSecureString(SecureString secret)
        {
            if (secret is null) throw new ArgumentNullException(nameof(secret));
            if (secret.Length == 0) throw new ArgumentException("The API key is empty.", nameof(secret));
            return new ApiKey(secret.Copy());
        }

        /// <summary>Copies <paramref name="plainText"/> (e.g. from an environment variable) into a SecureString.</summary>
        public static ApiKey FromPlainText(string plainText)
        {
            if (string.IsNullOrWhiteSpace(plainText)) throw new ArgumentException("The API key is empty.", nameof(plainText));
            var secret = new SecureString();
            foreach (char c in plainText.Trim()) secret.AppendChar(c);
            return new ApiKey(secret);
        }

        /// <summary>A new random key, as the sandbox hands out.</summary>
        public static ApiKey CreateRandom(string prefix)
        {
            byte[] bytes = new byte[24];
            using (RandomNumberGenerator rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            var sb = new StringBuilder(prefix);
            foreach (byte b in bytes) sb.Append(b.ToString("x2"));
            return FromPlainText(sb.ToString());
        }

        /// <summary>True when <paramref name="presented"/> is this key, compared in constant time.</summary>
        public bool Matches(string? presented)
        {
            if (presented is null) return false;
            string mine = Reveal();
            int diff = mine.Length ^ presented.Length;
            for (int i = 0; i < presented.Length; i++) diff |= presented[i] ^ mine[i % mine.Length];
            return diff == 0;
        }

        /// <summary>Never the key.</summary>
        public override string ToString() => "***";

        // The only place the plain text exists, for the lifetime of one header.
        internal string Reveal()
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                return Marshal.PtrToStringUni(ptr) ?? string.Empty;
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
