using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Security.Authentication;

namespace Alpharun
{
    /// <summary>
    /// What a failure on the way to the API becomes: a rejected certificate, a TLS handshake that failed for another
    /// reason (the server did not speak TLS), a proxy asking for credentials, or a connection that failed; each message
    /// names the host and says what to do. Everything quoted from .NET is cleaned as server text (it may quote the server).
    /// </summary>
    internal sealed class TransportFailures
    {
        private readonly AlpharunConnection _connection;
        private readonly bool _viaProxy;

        public TransportFailures(AlpharunConnection connection, bool viaProxy)
        {
            _connection = connection;
            _viaProxy = viaProxy;
        }

        /// <summary>The exception for <paramref name="e"/>, thrown while <paramref name="message"/> was sent and before any answer.</summary>
        public AlpharunApiException BeforeAnswer(Exception e, HttpRequestMessage message, RecordingUploadRequest request)
        {
            string file = request.FilePath;
            string host = _connection.BaseUri.Host;
            string? certificateProblem = CertificateCheck.ProblemOf(message);
            if (certificateProblem != null || FindCertificateFailure(e) is Exception)
            {
                string problem = certificateProblem ?? Clean(FindCertificateFailure(e)!.Message) ?? "the certificate is not valid.";
                return new AlpharunApiException(ApiErrorKind.CertificateRejected,
                    $"The certificate of {host} was rejected, so '{file}' was not sent: {problem} Check -BaseUri; if a proxy or security product on this network inspects TLS, its root certificate must be trusted on this machine. Nothing was sent, and it is not retried.",
                    null, null, e);
            }
            if (ProxyStatusOf(e) == 407)
            {
                return ProxyRefused(request, message.RequestUri!, e);
            }
            if (FindHandshakeFailure(e) is Exception handshake)
            {
                string port = _connection.BaseUri.Port.ToString(CultureInfo.InvariantCulture);
                string reason = Describe(e);
                string likely = handshake.InnerException is null && handshake is AuthenticationException
                    // .NET's "Cannot determine the frame size or a corrupted frame was received": the first bytes back were not TLS.
                    ? $"The server at {host}:{port} did not speak TLS: what came back was not a TLS answer. It is probably a plain http port; if so, use http:// for a loopback address, or the API's https address."
                    : $"The server at {host}:{port} and this machine found no TLS version or cipher both accept (this module offers TLS 1.2 and 1.3), or the server does not speak TLS there.";
                return new AlpharunApiException(ApiErrorKind.TlsHandshakeFailed,
                    $"The TLS handshake with {host} failed before its certificate was checked, so '{file}' was not sent: {reason} {likely} Check -BaseUri. Nothing was sent, and it is not retried.",
                    null, null, e);
            }
            return new AlpharunApiException(ApiErrorKind.ConnectionFailed,
                $"The upload of '{file}' to {_connection.BaseUri} failed: {Describe(e)} Check the address and the network, then send it again; a repeat upload is safe.", null, null, e);
        }

        /// <summary>A 407: the proxy wants credentials it was not given (or refused those it was).</summary>
        public AlpharunApiException ProxyRefused(RecordingUploadRequest request, Uri target, Exception? inner = null, string? requestId = null)
        {
            AlpharunProxy? chosen = _connection.Proxy;
            string proxy = ProxyName(target);
            string fix = chosen?.HasCredential == true
                ? "It refused the -ProxyCredential given: check the user name and password."
                : chosen?.UseDefaultCredentials == true
                    ? "It refused the signed-in user's credentials (-ProxyUseDefaultCredentials): check that this account may use it, or pass -ProxyCredential."
                    : "Pass -ProxyUseDefaultCredentials to send the signed-in user's credentials (Windows sign-in, NTLM or Kerberos), or -ProxyCredential (Get-Credential) with the proxy's user name and password.";
            return new AlpharunApiException(ApiErrorKind.ProxyAuthenticationRequired,
                $"The proxy {proxy} asked for credentials (HTTP 407), so '{request.FilePath}' did not reach the Alpharun API. {fix} Nothing was sent to the API; a rerun is safe.",
                407, null, inner, null, requestId);
        }

        // The proxy's address as the handler found it: the caller's -Proxy, else the environment's for this address.
        private string ProxyName(Uri target)
        {
            if (_connection.Proxy?.Address is Uri chosen) return chosen.AbsoluteUri;
            try
            {
                Uri? found = WebRequest.DefaultWebProxy?.GetProxy(target);
                if (found != null && found != target) return AddressText.Show(found) + " (the system proxy)";
            }
            catch (Exception e) when (e is InvalidOperationException || e is NotSupportedException || e is ArgumentException)
            {
                // Named generically below.
            }
            return _viaProxy ? "on the way to the API (the system proxy)" : "on the way to the API";
        }

        /// <summary>The messages of <paramref name="e"/> and its inner exceptions, each once and each ending in a full stop, cleaned as server text.</summary>
        public string Describe(Exception e)
        {
            var parts = new List<string>();
            for (Exception? current = e; current != null; current = current.InnerException)
            {
                string? text = Clean(current.Message);
                if (text is null) continue;
                // "Connection refused (127.0.0.1:1)" over a SocketException's "Connection refused": said once.
                if (parts.Exists(p => p.IndexOf(text.TrimEnd('.'), StringComparison.OrdinalIgnoreCase) >= 0)) continue;
                parts.Add(EndsASentence(text) ? text : text + ".");
            }
            return parts.Count == 0 ? "no reason was given." : string.Join(" ", parts);
        }

        // .NET quotes what the server sent in some messages ("invalid status line: '...'"): cleaned like any server text,
        // with the key masked (KeyMasking masks the exceptions kept inside).
        private string? Clean(string text) => ServerText.Clean(text, _connection.ApiKey, 1000);

        private static bool EndsASentence(string text)
        {
            char last = text[text.Length - 1];
            return last == '.' || last == '!' || last == '?' || last == '…';
        }

        /// <summary>.NET: HttpRequestException over AuthenticationException naming the certificate; .NET Framework: WebException TrustFailure.</summary>
        internal static Exception? FindCertificateFailure(Exception e)
        {
            for (Exception? current = e; current != null; current = current.InnerException)
            {
                if (current is WebException web && web.Status == WebExceptionStatus.TrustFailure) return current;
                // A handler that is not the module's own (a C# caller's) gives only .NET's own (English) message.
                if (current is AuthenticationException && current.Message.IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0) return current;
            }
            return null;
        }

        /// <summary>A TLS failure that is not about the certificate: .NET's AuthenticationException, .NET Framework's SecureChannelFailure.</summary>
        internal static Exception? FindHandshakeFailure(Exception e)
        {
            for (Exception? current = e; current != null; current = current.InnerException)
            {
                if (current is AuthenticationException) return current;
                if (current is WebException web && web.Status == WebExceptionStatus.SecureChannelFailure) return current;
            }
            return null;
        }

        /// <summary>
        /// The proxy's refusal of a tunnel (CONNECT) for an https address: .NET's HttpRequestException carries the status
        /// (HttpRequestException.StatusCode, .NET 5 and later, read by name: netstandard2.0 lacks it) or names it in its
        /// message; .NET Framework's WebException carries the proxy's answer.
        /// </summary>
        internal static int? ProxyStatusOf(Exception e)
        {
            for (Exception? current = e; current != null; current = current.InnerException)
            {
                if (current is WebException web && web.Response is HttpWebResponse answer && (int)answer.StatusCode == 407) return 407;
                if (current is HttpRequestException)
                {
                    PropertyInfo? property = current.GetType().GetProperty("StatusCode");
                    if (property?.GetValue(current) is HttpStatusCode status && (int)status == 407) return 407;
                    if (current.Message.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) >= 0 && current.Message.IndexOf("'407'", StringComparison.Ordinal) >= 0) return 407;
                }
            }
            return null;
        }
    }
}
