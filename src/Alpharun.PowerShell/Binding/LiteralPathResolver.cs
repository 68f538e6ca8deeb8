using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Microsoft.PowerShell.Commands;

namespace Alpharun.Commands
{
    /// <summary>
    /// Turns a literal path (no wildcard expansion) into a file-system path, as
    /// <see cref="PathIntrinsics.GetUnresolvedProviderPathFromPSPath(string, out ProviderInfo, out PSDriveInfo)"/> does,
    /// for one command call. The engine's resolution costs 0.1–0.3 ms a path (it validates the drive, which on Linux
    /// re-reads /proc/self/mountinfo every time), more than the rest of a small file's upload work. So once the engine
    /// has mapped one rooted, already-normal path to itself on the FileSystem provider, other such paths under the same
    /// root are taken as written: the engine maps a drive by its root alone, so it would give them back unchanged too.
    /// Anything else (relative paths, ~, drive or provider qualified PowerShell paths, ., .., doubled separators,
    /// backticks, colons, backslashes where they are not separators) goes to the engine every time.
    /// </summary>
    internal sealed class LiteralPathResolver
    {
        private readonly PathIntrinsics _paths;
        private readonly HashSet<string> _rootsMappedToThemselves = new HashSet<string>(StringComparer.Ordinal);

        public LiteralPathResolver(PathIntrinsics paths)
        {
            _paths = paths;
        }

        /// <summary>
        /// The provider path of <paramref name="literal"/>; <paramref name="onFileSystem"/> says whether its provider is
        /// the FileSystem. Throws what the engine throws for a path it cannot resolve.
        /// </summary>
        public string Resolve(string literal, out bool onFileSystem)
        {
            string? root = ShortcutRoot(literal);
            if (root != null && _rootsMappedToThemselves.Contains(root))
            {
                onFileSystem = true;
                return literal;
            }

            string path = _paths.GetUnresolvedProviderPathFromPSPath(literal, out ProviderInfo provider, out _);
            onFileSystem = provider.ImplementingType == typeof(FileSystemProvider);
            if (root != null && onFileSystem && string.Equals(path, literal, StringComparison.Ordinal)) _rootsMappedToThemselves.Add(root);
            return path;
        }

        /// <summary>
        /// The root of <paramref name="path"/> when it is a fully qualified, normal file-system path the engine reads
        /// without any special meaning; otherwise null.
        /// </summary>
        internal static string? ShortcutRoot(string path)
        {
            if (path.Length == 0 || path.IndexOf('`') >= 0 || path.IndexOf('\0') >= 0) return null;
            // Where a backslash is not a separator (Linux, macOS) the engine still reads it as one: "/a\b" becomes "/a/b".
            if (Path.DirectorySeparatorChar != '\\' && path.IndexOf('\\') >= 0) return null;
            string? root;
            try
            {
                if (!Path.IsPathRooted(path)) return null;
                root = Path.GetPathRoot(path);
                // Relative to a current drive or folder ("\x", "C:x"), or not normal ("a/../b", "a//b", "a/./b", "C:/a"): the engine rewrites these.
                if (string.IsNullOrEmpty(root) || !string.Equals(Path.GetFullPath(path), path, StringComparison.Ordinal)) return null;
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException || e is System.Security.SecurityException)
            {
                return null;
            }
            // A colon past the drive ("/a/b:c", "C:\a::b") may read as a drive or provider name to the engine.
            return path.IndexOf(':', root!.Length) >= 0 ? null : root;
        }
    }
}
