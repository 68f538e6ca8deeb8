using System;
using System.IO;

namespace Alpharun
{
    /// <summary>A journal line that could not be written; the line is not in the file (a partial write is cut off again).</summary>
    public sealed class JournalWriteException : IOException
    {
        internal JournalWriteException(string path, JournalProblemKind kind, Exception cause)
            : base($"The journal '{path}' could not be written: {JournalProblem.Describe(kind, cause, path)}", cause)
        {
            Path = path;
            Kind = kind;
            Reason = JournalProblem.Describe(kind, cause, path);
        }

        /// <summary>The journal's full path.</summary>
        public string Path { get; }

        /// <summary>Why the line could not be written.</summary>
        public JournalProblemKind Kind { get; }

        /// <summary>The cause alone, as a sentence to go after "could not be written: ".</summary>
        public string Reason { get; }
    }
}
