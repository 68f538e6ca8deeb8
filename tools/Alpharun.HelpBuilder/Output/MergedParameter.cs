using System;
using System.Collections.Generic;
using System.Linq;
using Alpharun.HelpBuilder.Model;

namespace Alpharun.HelpBuilder.Output
{
    /// <summary>
    /// A parameter across all the sets it belongs to, for the PARAMETERS section of the help: required only when
    /// mandatory in every set, a position only when every set agrees, pipeline input when any set takes it.
    /// </summary>
    internal sealed class MergedParameter
    {
        private MergedParameter(ParameterSignature first, bool required, int? position, bool byValue, bool byPropertyName, bool wildcards)
        {
            Metadata = first;
            Required = required;
            Position = position;
            ByValue = byValue;
            ByPropertyName = byPropertyName;
            SupportsWildcards = wildcards;
        }

        public ParameterSignature Metadata { get; }

        public bool Required { get; }

        public int? Position { get; }

        public bool ByValue { get; }

        public bool ByPropertyName { get; }

        public bool SupportsWildcards { get; }

        public static MergedParameter? Find(CmdletSignature command, string name)
        {
            List<ParameterSignature> inSets = command.ParameterSets
                .SelectMany(s => s.Parameters)
                .Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (inSets.Count == 0) return null;

            int?[] positions = inSets.Select(p => p.Position).Distinct().ToArray();
            return new MergedParameter(
                inSets[0],
                inSets.All(p => p.IsMandatory),
                positions.Length == 1 ? positions[0] : null,
                inSets.Any(p => p.ByValue),
                inSets.Any(p => p.ByPropertyName),
                inSets.Any(p => p.SupportsWildcards));
        }

        /// <summary>The names of every (non-common) parameter of the command, in the order of its first appearance.</summary>
        public static IEnumerable<string> AllNames(CmdletSignature command) => command.ParameterSets
            .SelectMany(s => s.Parameters)
            .Select(p => p.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
