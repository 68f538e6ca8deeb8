namespace Alpharun.HelpBuilder
{
    /// <summary>Something that makes the help incomplete or wrong; any one of them fails the build.</summary>
    internal sealed class HelpProblem
    {
        public HelpProblem(string file, int line, string message)
        {
            File = file;
            Line = line;
            Message = message;
        }

        public string File { get; }

        /// <summary>1-based; 0 when the problem is the file as a whole.</summary>
        public int Line { get; }

        public string Message { get; }

        /// <summary>MSBuild's canonical error format, so the Exec task shows it as a build error at the right line.</summary>
        public override string ToString() => Line > 0
            ? $"{File}({Line}): error ALPHARUNHELP: {Message}"
            : $"{File}: error ALPHARUNHELP: {Message}";
    }
}
