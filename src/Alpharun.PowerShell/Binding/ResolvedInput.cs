using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>A file to send, or the error of an input that names no file (its target is the input).</summary>
    internal readonly struct ResolvedInput
    {
        private ResolvedInput(string target, ErrorRecord? error)
        {
            Target = target;
            Error = error;
        }

        /// <summary>The file's full path, or the input as given when it names no file.</summary>
        public string Target { get; }

        /// <summary>Why the input names no file; null for a file.</summary>
        public ErrorRecord? Error { get; }

        public static ResolvedInput File(string path) => new ResolvedInput(path, null);

        public static ResolvedInput Failed(ErrorRecord error) => new ResolvedInput((string)error.TargetObject, error);
    }
}
