using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Alpharun.Commands
{
    /// <summary>
    /// Completes -TimeZone with the ids it takes: IANA ids by their start or their city (New → America/New_York),
    /// Windows ids (quoted, they hold spaces), Local and UTC.
    /// </summary>
    public sealed class TimeZoneCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return RecordingTimeZone.KnownIds()
                .Where(id => id.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || CityOf(id).StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(id => new CompletionResult(id.IndexOf(' ') >= 0 ? "'" + id + "'" : id, id, CompletionResultType.ParameterValue, id))
                .ToList();
        }

        private static string CityOf(string id) => id.Substring(id.LastIndexOf('/') + 1);
    }
}
