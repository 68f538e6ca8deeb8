using System;
using System.IO;
using System.Linq;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>The files this process holds open (the engine and the module run in-process), read from /proc on Linux.</summary>
    internal static class OpenFiles
    {
        private const string Descriptors = "/proc/self/fd";

        /// <summary>Why they cannot be counted here, or null when they can.</summary>
        public static string? WhyNotCountable => Directory.Exists(Descriptors) ? null : "Needs /proc/self/fd (Linux) to see which files this process holds open.";

        /// <summary>How many open descriptors of this process point at a file under <paramref name="folder"/>.</summary>
        public static int Under(string folder)
        {
            string prefix = folder.TrimEnd('/') + "/";
            return Directory.GetFiles(Descriptors).Count(fd =>
            {
                try
                {
                    return new FileInfo(fd).LinkTarget?.StartsWith(prefix, StringComparison.Ordinal) == true;
                }
                catch (IOException)
                {
                    return false; // closed while listed
                }
            });
        }
    }

    /// <summary>A fact that counts this process's open files: only where /proc shows them.</summary>
    internal sealed class OpenFilesCountedFactAttribute : Xunit.FactAttribute
    {
        public OpenFilesCountedFactAttribute()
        {
            if (OpenFiles.WhyNotCountable is string reason) Skip = reason;
        }
    }

    /// <summary>A theory that counts this process's open files: only where /proc shows them.</summary>
    internal sealed class OpenFilesCountedTheoryAttribute : Xunit.TheoryAttribute
    {
        public OpenFilesCountedTheoryAttribute()
        {
            if (OpenFiles.WhyNotCountable is string reason) Skip = reason;
        }
    }
}
