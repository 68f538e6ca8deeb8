using System;
using System.Text.RegularExpressions;

namespace Alpharun
{
    /// <summary>
    /// What a 403 means. The API reference defines bearer authentication and no 401 or 403 answers, so the status is
    /// read as HTTP defines it (RFC 9110): 401 says the credentials are missing or wrong — every upload with that key
    /// fails — while 403 says this request is refused although the caller may be known (a permission, a plan, one
    /// playbook). A 403 is therefore the rejection of one upload, unless the API's own message says it is the key.
    /// </summary>
    public static class ForbiddenAnswer
    {
        private static readonly Regex MentionsKey = new Regex(
            @"api[\s_-]?key|\bkey\b.*\b(invalid|revoked|expired|disabled|unknown)|\b(invalid|revoked|expired|disabled|unknown)\b.*\bkey\b|token|credential|unauthori[sz]ed|unauthenticated|authenticat",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>True when the API's message for a 403 says the key itself was refused.</summary>
        public static bool RejectsTheKey(string? apiMessage) => apiMessage != null && MentionsKey.IsMatch(apiMessage);

        /// <summary>The exception for a 403 answer to the upload of <paramref name="file"/>.</summary>
        internal static AlpharunApiException Map(string? apiMessage, string file, string said)
        {
            if (RejectsTheKey(apiMessage))
            {
                return new AlpharunApiException(ApiErrorKind.ApiKeyRejected,
                    $"The Alpharun API rejected the API key (HTTP 403) while uploading '{file}'.{said} Check the key and its permissions, then run Connect-Alpharun -ApiKey (Read-Host -AsSecureString) or set $env:ALPHARUN_API_KEY.",
                    403, apiMessage);
            }
            return new AlpharunApiException(ApiErrorKind.Forbidden,
                $"The Alpharun API refused the upload of '{file}' (HTTP 403).{(apiMessage is null ? " It gave no reason." : said)} The key was accepted for the other files; check what this upload asks for (its playbook, its teammate) and the key's permissions.",
                403, apiMessage);
        }
    }
}
