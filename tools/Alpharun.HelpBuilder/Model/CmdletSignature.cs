using System;
using System.Collections.Generic;

namespace Alpharun.HelpBuilder.Model
{
    /// <summary>What the engine says about one exported cmdlet: its parameter sets and output types.</summary>
    internal sealed class CmdletSignature
    {
        public CmdletSignature(string name, string verb, string noun, string helpFile, IReadOnlyList<ParameterSetSignature> parameterSets, IReadOnlyList<Type> outputTypes)
        {
            Name = name;
            Verb = verb;
            Noun = noun;
            HelpFile = helpFile;
            ParameterSets = parameterSets;
            OutputTypes = outputTypes;
        }

        public string Name { get; }

        public string Verb { get; }

        public string Noun { get; }

        /// <summary>The MAML file name the engine looks for, e.g. "Alpharun.PowerShell.dll-Help.xml".</summary>
        public string HelpFile { get; }

        /// <summary>The default set first, then the others in the engine's order.</summary>
        public IReadOnlyList<ParameterSetSignature> ParameterSets { get; }

        public IReadOnlyList<Type> OutputTypes { get; }
    }
}
