using System;

namespace Alpharun
{
    /// <summary>An address (-BaseUri, $env:ALPHARUN_BASE_URI or -Proxy) that cannot be used; <see cref="ErrorId"/> is stable.</summary>
    public sealed class InvalidAddressException : ArgumentException
    {
        /// <summary>Creates the exception.</summary>
        public InvalidAddressException(string errorId, string message)
            : base(message)
        {
            ErrorId = errorId;
        }

        /// <summary>InvalidBaseUri (not a usable address), InsecureBaseUri (plain http off loopback) or InvalidProxy.</summary>
        public string ErrorId { get; }
    }
}
