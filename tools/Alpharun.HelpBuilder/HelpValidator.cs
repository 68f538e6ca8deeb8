using System;
using System.Collections.Generic;
using System.Linq;
using Alpharun.HelpBuilder.Model;
using Alpharun.HelpBuilder.Output;

namespace Alpharun.HelpBuilder
{
    /// <summary>
    /// What makes help incomplete or wrong, checked against the engine's view of the cmdlet: every parameter
    /// described, no parameter the cmdlet lacks, two examples with code, a synopsis, a description, notes,
    /// inputs, and outputs naming each [OutputType].
    /// </summary>
    internal static class HelpValidator
    {
        public const int MinimumExamples = 2;

        public static void Validate(CmdletSignature command, CommandDoc doc, List<HelpProblem> problems)
        {
            void Problem(int line, string message) => problems.Add(new HelpProblem(doc.SourcePath, line, message));

            if (doc.Synopsis.Count == 0) Problem(0, "## SYNOPSIS is missing or empty.");
            if (doc.Description.Count == 0) Problem(0, "## DESCRIPTION is missing or empty.");
            if (doc.Notes.Count == 0) Problem(0, "## NOTES is missing or empty.");
            if (doc.Inputs.Count == 0) Problem(0, "## INPUTS needs a '### TypeName' entry ('### None' when nothing binds from the pipeline).");
            if (doc.Outputs.Count == 0) Problem(0, "## OUTPUTS needs a '### TypeName' entry ('### None' when nothing is written).");

            if (doc.Examples.Count < MinimumExamples)
            {
                Problem(0, $"{command.Name} has {doc.Examples.Count} example(s); at least {MinimumExamples} are required.");
            }
            foreach (ExampleDoc example in doc.Examples.Where(e => e.Code.Trim().Length == 0))
            {
                Problem(example.Line, $"'{example.Title}' has no ```powershell code block.");
            }

            var documented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (ParameterDoc parameter in doc.Parameters)
            {
                if (!documented.Add(parameter.Name)) Problem(parameter.Line, $"-{parameter.Name} is documented twice.");
                if (MergedParameter.Find(command, parameter.Name) is null)
                {
                    Problem(parameter.Line, $"-{parameter.Name} is documented but {command.Name} has no such parameter.");
                }
                if (parameter.Description.All(p => p.Trim().Length == 0))
                {
                    Problem(parameter.Line, $"-{parameter.Name} of {command.Name} has no description.");
                }
            }
            foreach (string name in MergedParameter.AllNames(command).Where(n => !documented.Contains(n)))
            {
                Problem(0, $"-{name} of {command.Name} has no description: add a '### -{name}' section under ## PARAMETERS.");
            }

            foreach (Type output in command.OutputTypes)
            {
                bool named = doc.Outputs.Any(o => string.Equals(o.TypeName, output.FullName, StringComparison.Ordinal));
                if (!named) Problem(0, $"{command.Name} declares [OutputType({output.FullName})] but ## OUTPUTS has no '### {output.FullName}'.");
            }
        }
    }
}
