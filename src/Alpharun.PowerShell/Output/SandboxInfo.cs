using System;

namespace Alpharun
{
    /// <summary>A running sandbox, as Start-AlpharunSandbox reports it. The key stays inside the process and is never shown.</summary>
    public sealed class SandboxInfo
    {
        internal SandboxInfo(Uri baseUri, int port, DateTimeOffset startedAt, AlpharunConnection connection)
        {
            Connection = connection;
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

        /// <summary>
        /// The connection to the sandbox, for runspaces that do not share this one's (ForEach-Object -Parallel,
        /// Start-ThreadJob): <c>$using:sandbox | Connect-Alpharun</c>. Its key shows as ***.
        /// </summary>
        public AlpharunConnection Connection { get; }

        /// <inheritdoc />
        public override string ToString() => BaseUri.AbsoluteUri;
    }
}
