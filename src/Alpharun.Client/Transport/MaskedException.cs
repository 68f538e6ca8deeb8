using System;

namespace Alpharun
{
    /// <summary>
    /// A copy of an exception whose text held a piece of the API key (a server quoted it back, and .NET quoted the
    /// server): the same message with the key masked, the original type's name, and its inner exceptions copied the
    /// same way. It stands in for the original, which is never handed on.
    /// </summary>
    public sealed class MaskedException : Exception
    {
        internal MaskedException(string originalType, string message, Exception? innerException)
            : base(message, innerException)
        {
            OriginalType = originalType;
        }

        /// <summary>The full name of the exception type this copies, e.g. System.Net.Http.HttpRequestException.</summary>
        public string OriginalType { get; }

        /// <summary>The original type's name and the masked messages of the chain; no stack trace (the original's is not kept).</summary>
        public override string ToString() =>
            InnerException is null ? $"{OriginalType}: {Message}" : $"{OriginalType}: {Message} ---> {InnerException}";
    }
}
