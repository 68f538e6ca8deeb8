using System.Collections.Generic;

namespace Alpharun.HelpBuilder.Model
{
    /// <summary>A "### -Name" section: its description, and the "Default value:" and wildcard lines if written.</summary>
    internal sealed class ParameterDoc
    {
        public ParameterDoc(string name, int line)
        {
            Name = name;
            Line = line;
        }

        public string Name { get; }

        public int Line { get; }

        public List<string> Description { get; } = new List<string>();

        /// <summary>"Default value: ..." as written; null when the section has none.</summary>
        public string? DefaultValue { get; set; }

        /// <summary>"Accept wildcard characters: True": for parameters that expand wildcards without [SupportsWildcards].</summary>
        public bool AcceptsWildcards { get; set; }
    }
}
