using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>What a request taken by a <see cref="SandboxFaultKind.Status"/> or <see cref="SandboxFaultKind.DropConnection"/> fault gets instead of the upload endpoint.</summary>
    internal static class FaultResponses
    {
        /// <summary>Reads the body to its end, then answers the fault's status; nothing is recorded.</summary>
        public static async Task<HttpResponse> StatusAsync(SandboxFault fault, HttpRequest request)
        {
            HttpResponse response = Answer(fault, request);
            if (fault.BeforeBody)
            {
                // On the head alone: the body is never read, so no 100 Continue is sent, and the connection closes.
                response.CloseConnection = true;
                return response;
            }
            try
            {
                // A real server or proxy answering 429/503 has taken the whole request, so the client reads a clean answer.
                await SkipAsync(request.Body, long.MaxValue).ConfigureAwait(false);
            }
            catch (HttpProtocolException)
            {
                // The body's framing broke (cut short, or past the chunked limit): answer all the same, then close.
                response.CloseConnection = true;
            }
            return response;
        }

        /// <summary>The fault's answer to a request whose body was read already (a fault for one file).</summary>
        public static HttpResponse Answer(SandboxFault fault, HttpRequest request)
        {
            string message = fault.EchoHeaders
                ? $"The sandbox answers {fault.StatusCode} and echoes the request's headers because a fault was queued with AddFault: {string.Join("; ", request.Headers.All.Select(h => h.Key + ": " + h.Value))}"
                : $"The sandbox answers {fault.StatusCode} because a fault was queued with AddFault. The upload was not recorded; send it again.";
            HttpResponse response = HttpResponse.Error(fault.StatusCode, message);
            if (fault.RetryAfter != null) response.Headers.Add(new KeyValuePair<string, string>("Retry-After", fault.RetryAfter));
            return response;
        }

        /// <summary>Reads the first <see cref="SandboxFault.AfterBytes"/> of the body, then asks for the connection to be reset.</summary>
        public static async Task<HttpResponse> DropAsync(SandboxFault fault, HttpRequest request)
        {
            try
            {
                await SkipAsync(request.Body, fault.AfterBytes).ConfigureAwait(false);
            }
            catch (HttpProtocolException)
            {
                // A body that breaks before afterBytes changes nothing: the connection is dropped anyway.
            }
            return HttpResponse.Dropped();
        }

        private static async Task SkipAsync(RequestBodyStream body, long limit)
        {
            byte[] scratch = new byte[8192];
            for (long read = 0; read < limit;)
            {
                int n = await body.ReadAsync(scratch, 0, (int)Math.Min(scratch.Length, limit - read)).ConfigureAwait(false);
                if (n == 0) return;
                read += n;
            }
        }
    }
}
