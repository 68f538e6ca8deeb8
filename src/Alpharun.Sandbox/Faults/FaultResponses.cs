using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Alpharun.Sandbox
{
    /// <summary>What a request taken by a <see cref="SandboxFaultKind.Status"/> or <see cref="SandboxFaultKind.DropConnection"/> fault gets instead of the upload endpoint.</summary>
    internal static class FaultResponses
    {
        /// <summary>Reads the body to its end, then answers the fault's status; nothing is recorded.</summary>
        public static async Task<HttpResponse> StatusAsync(SandboxFault fault, HttpRequest request)
        {
            HttpResponse response = HttpResponse.Error(fault.StatusCode,
                $"The sandbox answers {fault.StatusCode} because a fault was queued with AddFault. The upload was not recorded; send it again.");
            if (fault.RetryAfter != null) response.Headers.Add(new KeyValuePair<string, string>("Retry-After", fault.RetryAfter));
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
