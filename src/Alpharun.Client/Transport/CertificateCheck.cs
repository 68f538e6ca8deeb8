using System.Collections.Generic;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Alpharun
{
    /// <summary>
    /// The handler's own certificate check: a certificate is accepted only when the system found no problem with it
    /// (SslPolicyErrors.None). Set on the module's handler, it takes the place of the process-wide
    /// ServicePointManager.ServerCertificateValidationCallback on .NET Framework, so a script that sets that to accept
    /// everything (a common Windows PowerShell idiom) cannot make the module send the key to any certificate. A rejection
    /// is noted on the request, so the failure can name the problem.
    /// </summary>
    internal static class CertificateCheck
    {
        /// <summary>The request property that holds why a certificate was rejected.</summary>
        public const string ProblemProperty = "Alpharun.CertificateProblem";

        public static bool Accept(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (errors == SslPolicyErrors.None) return true;
            if (request != null) request.Properties[ProblemProperty] = Describe(errors, chain);
            return false;
        }

        /// <summary>Why the certificate of <paramref name="request"/>'s server was rejected, when this check rejected it.</summary>
        public static string? ProblemOf(HttpRequestMessage? request) =>
            request != null && request.Properties.TryGetValue(ProblemProperty, out object? problem) ? problem as string : null;

        // "RemoteCertificateChainErrors (UntrustedRoot)": the .NET names a search finds, and the chain's own statuses.
        private static string Describe(SslPolicyErrors errors, X509Chain? chain)
        {
            var statuses = new List<string>();
            if (chain != null)
            {
                foreach (X509ChainStatus status in chain.ChainStatus)
                {
                    string name = status.Status.ToString();
                    if (status.Status != X509ChainStatusFlags.NoError && !statuses.Contains(name)) statuses.Add(name);
                }
            }
            return statuses.Count == 0 ? errors + "." : $"{errors} ({string.Join(", ", statuses)}).";
        }
    }
}
