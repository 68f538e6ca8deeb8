using System;
using System.IO;
using System.Text;

namespace Alpharun
{
    /// <summary>
    /// A recording's path as the file APIs see it, in one place: its file name and extension, and whether the runtime
    /// takes it at all. The runtimes disagree: .NET Framework (Windows PowerShell 5.1) throws ArgumentException
    /// ("Illegal characters in path.") from every System.IO.Path method for " &lt; &gt; | and control characters, where
    /// .NET takes them, and .NET throws for a NUL. Such a path becomes an InvalidFileName failure of its own file here,
    /// never an exception that would end a batch.
    /// </summary>
    internal static class RecordingPath
    {
        /// <summary>The file name of <paramref name="path"/>; never throws (the part after the last separator when the runtime refuses the path).</summary>
        public static string FileName(string path) => FileName(path, PathRules.Runtime);

        internal static string FileName(string path, PathRules rules)
        {
            try
            {
                return rules.GetFileName(path);
            }
            catch (ArgumentException)
            {
                return LastPart(path);
            }
        }

        /// <summary>The extension of <paramref name="fileName"/> with its dot (".wav"), or empty; never throws.</summary>
        public static string Extension(string fileName)
        {
            int dot = fileName.LastIndexOf('.');
            return dot < 0 || dot == fileName.Length - 1 || fileName.IndexOfAny(Separators, dot) >= 0 ? string.Empty : fileName.Substring(dot);
        }

        /// <summary>
        /// The InvalidFileName failure of a path the runtime's file APIs refuse or whose file name cannot go in a
        /// multipart header (a control character); null when it can be used.
        /// </summary>
        public static ValidationFailure? Check(string path) => Check(path, PathRules.Runtime);

        internal static ValidationFailure? Check(string path, PathRules rules)
        {
            string name = FileName(path, rules);
            foreach (char c in name)
            {
                if (char.IsControl(c))
                {
                    return new ValidationFailure(ValidationErrorKind.InvalidFileName, "audio",
                        $"The file name of '{path}' holds a control character (such as a line break), which cannot be sent in a multipart header. Rename the file.");
                }
            }

            try
            {
                rules.GetFileName(path);
                rules.GetFullPath(path);
                return null;
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                return new ValidationFailure(ValidationErrorKind.InvalidFileName, "audio",
                    $"The path '{Printable(path)}' holds {Culprit(path)}, which this system does not accept in a path. Correct the path where it came from (a CSV cell, a script), or rename the file or folder.");
            }
        }

        private static readonly char[] Separators = { '/', '\\' };

        private static string LastPart(string path)
        {
            int separator = path.LastIndexOfAny(Separators);
            return separator < 0 ? path : path.Substring(separator + 1);
        }

        // What .NET Framework refuses (Windows' Path.GetInvalidPathChars) is the likely culprit; else a colon past the drive.
        private static string Culprit(string path)
        {
            foreach (char c in path)
            {
                if (char.IsControl(c)) return $"a control character (U+{(int)c:X4})";
                if (c == '"' || c == '<' || c == '>' || c == '|') return $"the character {c}";
            }
            return "a character or form (such as a colon past the drive)";
        }

        private static string Printable(string path)
        {
            var sb = new StringBuilder(path.Length);
            foreach (char c in path) sb.Append(char.IsControl(c) ? '?' : c);
            return sb.ToString();
        }
    }

    /// <summary>
    /// The System.IO.Path methods a recording's path goes through: the runtime's own, or in tests .NET Framework's
    /// rules, which cannot run here.
    /// </summary>
    internal sealed class PathRules
    {
        /// <summary>The running runtime's System.IO.Path.</summary>
        public static readonly PathRules Runtime = new PathRules(Path.GetFileName, Path.GetFullPath);

        public PathRules(Func<string, string> getFileName, Func<string, string> getFullPath)
        {
            GetFileName = getFileName;
            GetFullPath = getFullPath;
        }

        public Func<string, string> GetFileName { get; }

        public Func<string, string> GetFullPath { get; }
    }
}
