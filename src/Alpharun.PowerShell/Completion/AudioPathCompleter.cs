using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Alpharun.Commands
{
    /// <summary>
    /// Completes -Path and -LiteralPath with folders and the audio files the API knows a type for, as text that
    /// parameter takes: exactly what the engine completes for Get-Item -Path (wildcard characters escaped, "call `[1`].wav")
    /// or Get-Item -LiteralPath ("call [1].wav"), quoting included, on whichever PowerShell runs it.
    /// </summary>
    public sealed class AudioPathCompleter : IArgumentCompleter
    {
        private static readonly HashSet<string> Extensions = new HashSet<string>(AudioMediaTypes.KnownExtensions, StringComparer.OrdinalIgnoreCase);

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            // CompletionCompleters.CompleteFilename(word) escapes wildcards whatever the parameter; the engine's own
            // completion of the same word for Get-Item's parameter of the same kind knows which text each one reads.
            string parameter = string.Equals(parameterName, "LiteralPath", StringComparison.OrdinalIgnoreCase) ? "LiteralPath" : "Path";
            string input = "Get-Item -" + parameter + " " + (wordToComplete ?? string.Empty);
            CommandCompletion completion = CommandCompletion.CompleteInput(input, input.Length, null);
            return completion.CompletionMatches
                .Where(r => r.ResultType == CompletionResultType.ProviderContainer || Extensions.Contains(RecordingPath.Extension(r.ListItemText)))
                .ToList();
        }
    }
}
