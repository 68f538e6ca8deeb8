using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Alpharun.Commands
{
    /// <summary>Completes -Path and -LiteralPath with folders and the audio files the API knows a type for.</summary>
    public sealed class AudioPathCompleter : IArgumentCompleter
    {
        private static readonly HashSet<string> Extensions = new HashSet<string>(AudioMediaTypes.KnownExtensions, StringComparer.OrdinalIgnoreCase);

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionCompleters.CompleteFilename(wordToComplete ?? string.Empty)
                .Where(r => r.ResultType == CompletionResultType.ProviderContainer || Extensions.Contains(Path.GetExtension(r.ListItemText)));
        }
    }
}
