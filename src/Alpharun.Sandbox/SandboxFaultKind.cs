namespace Alpharun.Sandbox
{
    /// <summary>How a <see cref="SandboxFault"/> makes the sandbox misbehave.</summary>
    public enum SandboxFaultKind
    {
        /// <summary>An error status (e.g. 429, 503) instead of the upload's answer; nothing is recorded.</summary>
        Status,

        /// <summary>The connection is reset with no answer; nothing is recorded.</summary>
        DropConnection,

        /// <summary>The upload is handled as usual but its answer is held back for a while.</summary>
        Stall,
    }
}
