using System;
using System.Runtime.InteropServices;
using System.Security.Authentication;

namespace Alpharun
{
    /// <summary>
    /// The runtime the transport runs on, as far as the handler's settings depend on it: .NET (PowerShell 7) or .NET
    /// Framework 4.7.2+ (Windows PowerShell 5.1), and whether the system's TLS library offers TLS 1.3. A test can describe
    /// the .NET Framework one and read back the handler built for it (<see cref="AlpharunHandler"/>).
    /// </summary>
    internal sealed class TransportPlatform
    {
        // SslProtocols.Tls13: not in netstandard2.0's enum, known to .NET Framework 4.8 and .NET.
        internal const SslProtocols Tls13 = (SslProtocols)12288;

        // Windows Server 2022 is build 20348, Windows 11 22000: the first with TLS 1.3 in SChannel. Asking an older
        // SChannel for TLS 1.3 fails every handshake ("do not possess a common algorithm"), so it is asked only there.
        internal const int FirstWindowsBuildWithTls13 = 20348;

        public TransportPlatform(bool isNetFramework, bool offersTls13)
        {
            IsNetFramework = isNetFramework;
            OffersTls13 = offersTls13;
        }

        /// <summary>What this process runs on.</summary>
        public static TransportPlatform Current { get; } = new TransportPlatform(
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase),
            !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || Environment.OSVersion.Version.Build >= FirstWindowsBuildWithTls13);

        /// <summary>True on .NET Framework (Windows PowerShell 5.1): HttpClientHandler there is HttpWebRequest underneath.</summary>
        public bool IsNetFramework { get; }

        /// <summary>True where the system's TLS library can speak TLS 1.3.</summary>
        public bool OffersTls13 { get; }

        /// <summary>
        /// The TLS versions the handler is told to use. On .NET Framework, TLS 1.2 (and 1.3 where the system has it): left
        /// unset there, HttpClientHandler takes the process-wide ServicePointManager.SecurityProtocol, which on machines
        /// without the strong-crypto registry keys lacks TLS 1.2. On .NET, None: the system chooses, from TLS 1.2 up, and
        /// nothing process-wide applies.
        /// </summary>
        public SslProtocols TlsProtocols => !IsNetFramework ? SslProtocols.None : OffersTls13 ? SslProtocols.Tls12 | Tls13 : SslProtocols.Tls12;
    }
}
