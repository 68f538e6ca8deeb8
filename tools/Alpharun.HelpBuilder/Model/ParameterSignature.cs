using System;
using System.Collections.Generic;

namespace Alpharun.HelpBuilder.Model
{
    /// <summary>A parameter as it binds in one parameter set, read from the engine.</summary>
    internal sealed class ParameterSignature
    {
        public ParameterSignature(string name, Type type, bool isMandatory, int? position, bool byValue, bool byPropertyName,
            IReadOnlyList<string> aliases, bool supportsWildcards)
        {
            Name = name;
            Type = type;
            IsMandatory = isMandatory;
            Position = position;
            ByValue = byValue;
            ByPropertyName = byPropertyName;
            Aliases = aliases;
            SupportsWildcards = supportsWildcards;
        }

        public string Name { get; }

        public Type Type { get; }

        public bool IsMandatory { get; }

        /// <summary>The 0-based position, or null for a named-only parameter.</summary>
        public int? Position { get; }

        public bool ByValue { get; }

        public bool ByPropertyName { get; }

        public IReadOnlyList<string> Aliases { get; }

        /// <summary>True when the parameter carries [SupportsWildcards].</summary>
        public bool SupportsWildcards { get; }

        public bool IsSwitch => Type == typeof(System.Management.Automation.SwitchParameter);
    }
}
