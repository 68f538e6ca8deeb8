using System;

namespace Alpharun.Sandbox
{
    /// <summary>
    /// A request the server cannot go on reading: bad framing, a header section too large, a body that ends early
    /// or grows past the limit. The connection is answered with <see cref="StatusCode"/> and then closed.
    /// </summary>
    internal sealed class HttpProtocolException : Exception
    {
        public HttpProtocolException(int statusCode, string message)
            : base(message)
        {
            StatusCode = statusCode;
        }

        public int StatusCode { get; }
    }
}
