using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Alpharun.HelpBuilder.Model;

namespace Alpharun.HelpBuilder
{
    /// <summary>
    /// Imports the laid-out module into a PowerShell 7.6 runspace and reads every exported cmdlet as the engine binds
    /// it, so the help's syntax, types, positions, pipeline input and aliases can never drift from the code.
    /// </summary>
    internal sealed class EngineCommandReader : IDisposable
    {
        // -WhatIf and -Confirm are documented like any other parameter (as Microsoft's own help does);
        // the rest are covered by the standard <CommonParameters> note.
        private static readonly HashSet<string> Skipped = new HashSet<string>(
            Cmdlet.CommonParameters.Concat(new[] { "UseTransaction" }), StringComparer.OrdinalIgnoreCase);

        private readonly Runspace _runspace;

        public EngineCommandReader()
        {
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
            // CmdletInfo reads its metadata lazily, through the runspace of the calling thread.
            Runspace.DefaultRunspace = _runspace;
        }

        public static bool IsCommonParameter(string name) => Skipped.Contains(name);

        /// <summary>The exported cmdlets of the module at <paramref name="manifestPath"/>, by name.</summary>
        public IReadOnlyList<CmdletSignature> ReadExportedCmdlets(string manifestPath)
        {
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddCommand("Import-Module").AddParameter("Name", manifestPath).AddParameter("PassThru").AddParameter("ErrorAction", "Stop");
            PSModuleInfo module = ps.Invoke<PSModuleInfo>().Single();

            return module.ExportedCmdlets.Values
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(Read)
                .ToList();
        }

        private static CmdletSignature Read(CmdletInfo cmdlet)
        {
            var sets = cmdlet.ParameterSets
                .OrderByDescending(s => s.IsDefault)
                .Select(s => new ParameterSetSignature(s.Name, s.IsDefault, SyntaxOrder(s.Parameters.Where(p => !IsCommonParameter(p.Name)).Select(Read))))
                .ToList();
            var outputs = cmdlet.OutputType.Select(t => t.Type).Where(t => t != null && t != typeof(void)).ToList();
            return new CmdletSignature(cmdlet.Name, cmdlet.Verb, cmdlet.Noun, System.IO.Path.GetFileName(cmdlet.HelpFile), sets, outputs);
        }

        private static ParameterSignature Read(CommandParameterInfo parameter) => new ParameterSignature(
            parameter.Name,
            ShownType(parameter),
            parameter.IsMandatory,
            parameter.Position == int.MinValue ? null : parameter.Position,
            parameter.ValueFromPipeline,
            parameter.ValueFromPipelineByPropertyName,
            parameter.Aliases.ToList(),
            parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any());

        /// <summary>
        /// The type help shows: the parameter's, unless its argument transformation binds what users pass into a type
        /// of the module's own and says, with a public ShownAs property, which type users pass (-RecordedAt binds text,
        /// [datetime] and [DateTimeOffset] into Alpharun.RecordedAtValue; help shows DateTimeOffset).
        /// </summary>
        private static Type ShownType(CommandParameterInfo parameter) =>
            parameter.Attributes.OfType<ArgumentTransformationAttribute>()
                .Select(a => a.GetType().GetProperty("ShownAs")?.GetValue(a) as Type)
                .FirstOrDefault(t => t != null)
            ?? parameter.ParameterType;

        /// <summary>As Get-Command -Syntax shows them: positional by position, then mandatory, then the rest, switches last.</summary>
        private static IReadOnlyList<ParameterSignature> SyntaxOrder(IEnumerable<ParameterSignature> parameters) => parameters
            .Select((p, index) => (p, index))
            .OrderBy(x => x.p.Position.HasValue ? 0 : x.p.IsMandatory ? 1 : x.p.IsSwitch ? 3 : 2)
            .ThenBy(x => x.p.Position ?? 0)
            .ThenBy(x => x.index)
            .Select(x => x.p)
            .ToList();

        public void Dispose()
        {
            Runspace.DefaultRunspace = null;
            _runspace.Dispose();
        }
    }
}
