using System;
using System.Linq;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>
    /// Binds -Connection so that a copy of a connection from another process (Start-Job, Invoke-Command,
    /// Import-Clixml) is told apart from a wrong argument. Such a copy is a deserialized property bag without the key:
    /// the key is never serialized (PowerShell 7.6 on Linux writes a SecureString into CLIXML, and hands it to a
    /// Start-Job process, as readable UTF-16), so the copy cannot connect, and the error says what to do instead.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ConnectionTransformationAttribute : ArgumentTransformationAttribute
    {
        internal const string DeserializedConnection = "Deserialized.Alpharun.AlpharunConnection";
        internal const string DeserializedSandbox = "Deserialized.Alpharun.SandboxInfo";

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            if (inputData is PSObject copy && copy.TypeNames.Any(t => t == DeserializedConnection || t == DeserializedSandbox))
            {
                throw new ArgumentTransformationMetadataException(CopyMessage(copy.Properties["BaseUri"]?.Value?.ToString()));
            }
            return inputData;
        }

        internal static string CopyMessage(string? baseUri)
        {
            string to = string.IsNullOrEmpty(baseUri) ? string.Empty : " to " + baseUri;
            return $"This is a copy of the connection{to} made in another process (by Start-Job, Invoke-Command or Import-Clixml), without its API key: "
                + "the key never leaves the process that holds it. Use Start-ThreadJob or ForEach-Object -Parallel, which run in this process, "
                + "with $using:connection | Connect-Alpharun; or connect inside the job with a key it reads itself: "
                + "Connect-Alpharun -VaultName <vault> -SecretName <name>, or $env:ALPHARUN_API_KEY and $env:ALPHARUN_BASE_URI set before Start-Job (a job inherits them).";
        }
    }
}
