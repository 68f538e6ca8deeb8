namespace Alpharun.Benchmarks
{
    /// <summary>What <see cref="LinkProbe"/> measured: a small request's time over the WAN proxy and straight to the sandbox.</summary>
    internal sealed class LinkMeasurement
    {
        /// <summary>Median request on a new connection through the proxy: TCP handshake, TLS handshake and the request (three round trips).</summary>
        public double NewConnectionMs { get; init; }

        /// <summary>Median request on that open connection: one round trip.</summary>
        public double OpenConnectionMs { get; init; }

        /// <summary>Median request on an open plain-http connection straight to the sandbox (loopback).</summary>
        public double DirectMs { get; init; }
    }
}
