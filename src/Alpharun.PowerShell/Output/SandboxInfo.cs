using System;

namespace Alpharun
{
    /// <summary>A running sandbox, as Start-AlpharunSandbox reports it. The key stays inside the session.</summary>
    public sealed class SandboxInfo
    {
        internal SandboxInfo(Uri baseUri, int port, DateTimeOffset startedAt)
        {
            BaseUri = baseUri;
            Port = port;
            StartedAt = startedAt;
        }

        /// <summary>The sandbox API's base address, e.g. http://127.0.0.1:50123/api/v1.</summary>
        public Uri BaseUri { get; }

        /// <summary>The loopback port it listens on.</summary>
        public int Port { get; }

        /// <summary>When it started.</summary>
        public DateTimeOffset StartedAt { get; }

        /// <inheritdoc />
        public override string ToString() => BaseUri.AbsoluteUri;
    }
}
