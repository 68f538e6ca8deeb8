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
        /// <summary>Another status the client does not expect (e.g. a redirect, or a 2xx other than 201 and 200).</summary>
        UnexpectedStatus,
        /// <summary>A success status (201, 200) whose body is unusable: not JSON, too large, or without a recording id. The API probably holds the recording.</summary>
        InvalidResponse,
        /// <summary>The request did not reach the API or no answer came back.</summary>
        ConnectionFailed,
        /// <summary>No answer came within the timeout.</summary>
        Timeout,
        /// <summary>403 for one upload while the key itself is accepted: this request is not allowed.</summary>
        Forbidden,
        /// <summary>The server's TLS certificate was not trusted (untrusted, expired, or for another name); not retried.</summary>
        CertificateRejected,
        /// <summary>
        /// The upload path answered 404 or 405: the base address does not serve the Alpharun upload API (a wrong
        /// -BaseUri); every upload would get the same answer, so the batch stops.
        /// </summary>
        NotAlpharunApi,
        /// <summary>
        /// TLS could not be set up for a reason other than the certificate: the server does not speak TLS at that address
        /// (an http port named with https://), or no TLS version both sides accept; not retried, the batch stops.
        /// </summary>
        TlsHandshakeFailed,
        /// <summary>The proxy asked for credentials (HTTP 407) it was not given or did not accept; the batch stops.</summary>
        ProxyAuthenticationRequired,
    }
}
