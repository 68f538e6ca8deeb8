using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Alpharun.Commands
{
    /// <summary>Completes a parameter with values this session used before, most recent first.</summary>
    public abstract class RecentValueCompleter : IArgumentCompleter
    {
        /// <summary>The values to offer, most recent first.</summary>
        protected abstract IEnumerable<string> RecentValues(AlpharunSessionHistory history);

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return RecentValues(AlpharunSession.Current.History)
                .Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v))
                .ToList();
        }
    }

    /// <summary>Completes -Teammate with the teammates of this session's uploads.</summary>
    public sealed class TeammateCompleter : RecentValueCompleter
    {
        /// <inheritdoc />
        protected override IEnumerable<string> RecentValues(AlpharunSessionHistory history) => history.Teammates;
    }

    /// <summary>Completes -PlaybookId with the playbook ids of this session's uploads.</summary>
    public sealed class PlaybookIdCompleter : RecentValueCompleter
    {
        /// <inheritdoc />
        protected override IEnumerable<string> RecentValues(AlpharunSessionHistory history) => history.PlaybookIds;
    }
}
