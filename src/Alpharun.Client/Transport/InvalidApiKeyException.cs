using System;

namespace Alpharun
{
    /// <summary>What makes a key unusable: it could not be sent in an Authorization header, or is not a key at all.</summary>
    public enum ApiKeyProblem
    {
        /// <summary>No characters (or only spaces).</summary>
        Empty,
        /// <summary>Ends with a line break, as a key read whole from a file does.</summary>
        TrailingLineBreak,
        /// <summary>A line break inside the key.</summary>
        LineBreak,
        /// <summary>A NUL character, as in a UTF-16 file read as bytes.</summary>
        Nul,
        /// <summary>Another control character (a tab, an escape).</summary>
        ControlCharacter,
        /// <summary>Spaces before or after the key.</summary>
        SurroundingSpace,
        /// <summary>A character outside ASCII (a byte-order mark, a no-break space, a letter typed in another script), which headers do not carry.</summary>
        NonAscii,
    }

    /// <summary>
    /// A key that cannot be sent (<see cref="ApiKey.FindProblem"/>); the message names what is wrong, where the key came
    /// from and how to fix it, and never shows the key. <see cref="ErrorId"/> is stable.
    /// </summary>
    public sealed class InvalidApiKeyException : ArgumentException
    {
        internal InvalidApiKeyException(ApiKeyProblem problem, string message, string? paramName)
            : base(message, paramName)
        {
            Problem = problem;
        }

        /// <summary>The error id the cmdlets use: InvalidApiKey.</summary>
        public string ErrorId => "InvalidApiKey";

        /// <summary>What is wrong with the key.</summary>
        public ApiKeyProblem Problem { get; }

        /// <summary>The message alone: ArgumentException would append the parameter's name to it.</summary>
        public override string Message => ParamName is null ? base.Message : base.Message.Replace(" (Parameter '" + ParamName + "')", string.Empty);
    }
}
