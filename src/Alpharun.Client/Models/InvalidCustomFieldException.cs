using System;

namespace Alpharun
{
    /// <summary>
    /// A custom field that cannot be sent: a blank key, or a value that is not a string, a number, a boolean or null.
    /// <see cref="Message"/> is the text alone, on every runtime: ArgumentException would append the parameter's name
    /// (" (Parameter 'value')" on .NET, a "Parameter name: value" line on .NET Framework), which means nothing to a user.
    /// </summary>
    public sealed class InvalidCustomFieldException : ArgumentException
    {
        private readonly string _text;

        /// <summary>Creates the exception; <paramref name="paramName"/> stays available as <see cref="ArgumentException.ParamName"/>.</summary>
        public InvalidCustomFieldException(string message, string? paramName)
            : base(message, paramName)
        {
            _text = message;
        }

        /// <summary>The message alone, without the parameter's name.</summary>
        public override string Message => _text;
    }
}
