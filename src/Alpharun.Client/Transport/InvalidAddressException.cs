using System;

namespace Alpharun
{
    /// <summary>An address (-BaseUri, $env:ALPHARUN_BASE_URI or -Proxy) that cannot be used; <see cref="ErrorId"/> is stable.</summary>
    public sealed class InvalidAddressException : ArgumentException
    {
        /// <summary>Creates the exception.</summary>
        public InvalidAddressException(string errorId, string message, string? paramName = null)
            : base(message, paramName)
        {
            ErrorId = errorId;
        }

        /// <summary>The message alone: ArgumentException would append the parameter's name to it.</summary>
        public override string Message => base.Message.Length > 0 && ParamName != null && base.Message.EndsWith(" (Parameter '" + ParamName + "')", System.StringComparison.Ordinal)
            ? base.Message.Substring(0, base.Message.Length - (" (Parameter '" + ParamName + "')").Length)
            : base.Message;

        /// <summary>InvalidBaseUri (not a usable address), InsecureBaseUri (plain http off loopback) or InvalidProxy.</summary>
        public string ErrorId { get; }
    }
}
