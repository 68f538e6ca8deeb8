using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>
    /// Turns Send-AlpharunRecording's -Path and -LiteralPath values into file-system paths, one call's worth: wildcards
    /// expanded, a name such as "call[1].wav" that exists as written used as written, and an input that names no file
    /// (a wildcard that matched nothing, a path on another provider, a CSV row without a path column) turned into its
    /// error, so it takes its place in the batch's input order.
    /// </summary>
    internal sealed class RecordingPathResolver
    {
        private readonly PathIntrinsics _sessionPaths;
        // One resolver for the whole run: it remembers which roots the engine maps to themselves.
        private readonly LiteralPathResolver _literal;

        public RecordingPathResolver(PathIntrinsics sessionPaths)
        {
            _sessionPaths = sessionPaths;
            _literal = new LiteralPathResolver(sessionPaths);
        }

        /// <summary>The files of -LiteralPath values, in order.</summary>
        public IEnumerable<ResolvedInput> ResolveLiteral(IEnumerable<string> literals) => literals.Select(ResolveLiteral);

        /// <summary>The files of -Path values (wildcards expanded), in order.</summary>
        public IEnumerable<ResolvedInput> ResolvePatterns(IEnumerable<string> patterns) => patterns.SelectMany(ResolvePattern);

        private ResolvedInput ResolveLiteral(string literal)
        {
            try
            {
                string path = _literal.Resolve(literal, out bool onFileSystem);
                if (!onFileSystem)
                {
                    return ResolvedInput.Failed(AlpharunErrors.InvalidArgument("NotAFileSystemPath", $"'{literal}' is not a file system path. Pass the path of an audio file.", literal));
                }
                return ResolvedInput.File(path);
            }
            catch (Exception e) when (IsPathFailure(e))
            {
                return ResolvedInput.Failed(AlpharunErrors.Create(nameof(ValidationErrorKind.FileNotFound), ErrorCategory.ObjectNotFound, $"'{literal}' cannot be resolved: {e.Message}", literal, e));
            }
        }

        private IEnumerable<ResolvedInput> ResolvePattern(string pattern)
        {
            // An object with no path property (a CSV whose column is named "file", say) binds by value as its text.
            if (pattern.StartsWith("@{", StringComparison.Ordinal))
            {
                return new[]
                {
                    ResolvedInput.Failed(AlpharunErrors.InvalidArgument("NoPathProperty",
                        $"The input object {pattern} has no Path, FullName or PSPath property. Name the CSV column 'path', or pass -Path.", pattern)),
                };
            }

            // No wildcard: no globbing (it costs more than the upload of a small file); the validator reports a
            // missing file. A name such as "call[1].wav" from Get-ChildItem arrives here through the FullName
            // alias: used as written when that file exists rather than reading its brackets as a wildcard.
            if (!WildcardPattern.ContainsWildcardCharacters(pattern)) return new[] { ResolveLiteral(Unescaped(pattern)) };
            string? existing = ResolveLiteralQuietly(pattern);
            if (existing != null && File.Exists(existing)) return new[] { ResolvedInput.File(existing) };

            try
            {
                var resolved = _sessionPaths.GetResolvedProviderPathFromPSPath(pattern, out ProviderInfo provider);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    return new[] { ResolvedInput.Failed(AlpharunErrors.InvalidArgument("NotAFileSystemPath", $"'{pattern}' is not a file system path. Pass the path of an audio file.", pattern)) };
                }
                if (resolved.Count == 0)
                {
                    return new[] { ResolvedInput.Failed(AlpharunErrors.Create("NoFileMatched", ErrorCategory.ObjectNotFound, $"No file matches '{pattern}'. Check the folder and the wildcard.", pattern)) };
                }
                return resolved.Select(ResolvedInput.File).ToArray();
            }
            catch (Exception e) when (IsPathFailure(e))
            {
                return new[] { ResolvedInput.Failed(AlpharunErrors.Create("NoFileMatched", ErrorCategory.ObjectNotFound, $"No file matches '{pattern}': {e.Message}", pattern, e)) };
            }
        }

        // "./call `[1`].wav", as Tab completes -Path (and Get-Item -Path reads it): backticks escape, so the file is
        // "call [1].wav"; unless a file is named with the backticks as written.
        private string Unescaped(string pattern)
        {
            if (pattern.IndexOf('`') < 0) return pattern;
            string? asWritten = ResolveLiteralQuietly(pattern);
            return asWritten != null && File.Exists(asWritten) ? pattern : WildcardPattern.Unescape(pattern);
        }

        private string? ResolveLiteralQuietly(string path)
        {
            try
            {
                return _literal.Resolve(path, out _);
            }
            catch (Exception e) when (IsPathFailure(e))
            {
                return null;
            }
        }

        private static bool IsPathFailure(Exception e) =>
            e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException
            || e is NotSupportedException || e is ArgumentException;
    }
}
