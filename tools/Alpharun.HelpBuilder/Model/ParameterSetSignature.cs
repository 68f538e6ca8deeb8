using System.Collections.Generic;

namespace Alpharun.HelpBuilder.Model
{
    /// <summary>One parameter set: its name and its parameters (common parameters left out), in syntax order.</summary>
    internal sealed class ParameterSetSignature
    {
        public ParameterSetSignature(string name, bool isDefault, IReadOnlyList<ParameterSignature> parameters)
        {
            Name = name;
            IsDefault = isDefault;
            Parameters = parameters;
        }

        public string Name { get; }

        public bool IsDefault { get; }

        public IReadOnlyList<ParameterSignature> Parameters { get; }
    }
}
