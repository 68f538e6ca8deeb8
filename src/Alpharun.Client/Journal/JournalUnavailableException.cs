using System;
using System.IO;

namespace Alpharun
{
    /// <summary>A journal that cannot be opened; the message says the real cause (<see cref="Kind"/>) and what to do.</summary>
    public sealed class JournalUnavailableException : IOException
    {
        internal JournalUnavailableException(string path, JournalProblemKind kind, Exception cause)
            : base($"The journal '{path}' cannot be opened: {JournalProblem.Describe(kind, cause, path)}", cause)
        {
            Path = path;
            Kind = kind;
        }

        /// <summary>The journal's full path.</summary>
        public string Path { get; }

        /// <summary>Why it cannot be opened.</summary>
        public JournalProblemKind Kind { get; }
    }
}
