using System;
using System.Collections.Generic;

namespace Alpharun.Sandbox
{
    /// <summary>How a <see cref="SandboxServer"/> listens and behaves. Read once, by <see cref="SandboxServer.Start"/>.</summary>
    public sealed class SandboxOptions
    {
        /// <summary>The loopback port to listen on; 0 picks a free one.</summary>
        public int Port { get; set; }

        /// <summary>The key clients must present; null makes a random one with the prefix "sbx_".</summary>
        public ApiKey? ApiKey { get; set; }

        /// <summary>
        /// Teammate emails (compared case-insensitively) that no routing rule matches: an upload for one of them
        /// without a playbook_id is refused with 422, as the API does.
        /// </summary>
        public ICollection<string> TeammatesWithoutRouting { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The largest request body accepted; larger ones get 413. The default, 4 GiB, takes any real recording.</summary>
        public long MaxBodyBytes { get; set; } = 4L * 1024 * 1024 * 1024;

        /// <summary>How long a connection may wait on one read or write before it is closed; a stalled client cannot hold it forever.</summary>
        internal TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// How long a request's head (request line and headers, with any wait before it) may take in all: a client
        /// that trickles a byte at a time never trips the idle timeout, so it is closed when this runs out.
        /// </summary>
        internal TimeSpan HeaderTimeout { get; set; } = TimeSpan.FromSeconds(60);
    }
}
