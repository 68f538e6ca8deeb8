using System;

namespace Alpharun.Sandbox
{
    /// <summary>A multipart/form-data body that cannot be parsed: bad boundary, broken part headers, missing closing delimiter.</summary>
    internal sealed class MultipartFormatException : Exception
    {
        public MultipartFormatException(string message)
            : base(message)
        {
        }
    }
}
