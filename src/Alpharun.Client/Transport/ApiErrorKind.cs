namespace Alpharun
{
    /// <summary>How an API call failed. The names are stable: the cmdlets use them as error ids.</summary>
    public enum ApiErrorKind
    {
        /// <summary>401 (or a 403 whose message says so): the key was rejected; the batch stops.</summary>
        ApiKeyRejected,
        /// <summary>400 or 422: the API refused the request; its message says why.</summary>
        RequestRejected,
        /// <summary>No playbook_id was sent and no routing rule matched the teammate.</summary>
        NoPlaybookRouting,
        /// <summary>429: too many requests.</summary>
        RateLimited,
        /// <summary>5xx: the service failed.</summary>
        ServerError,
        /// <summary>Another status the client does not expect (e.g. 404 for a wrong base URI, or a redirect).</summary>
        UnexpectedStatus,
        /// <summary>A success status whose body lacks a recording id.</summary>
        InvalidResponse,
        /// <summary>The request did not reach the API or no answer came back.</summary>
        ConnectionFailed,
        /// <summary>No answer came within the timeout.</summary>
        Timeout,
        /// <summary>403 for one upload while the key itself is accepted: this request is not allowed.</summary>
        Forbidden,
        /// <summary>The server's TLS certificate was not trusted (untrusted, expired, or for another name); not retried.</summary>
        CertificateRejected,
    }
}
