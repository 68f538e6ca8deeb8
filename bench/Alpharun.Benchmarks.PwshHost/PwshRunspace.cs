using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// One open runspace of the PowerShell 7.6 engine, with the repo's laid-out module folder first on
    /// PSModulePath, so "Import-Module Alpharun" finds the module exactly as an installed copy would be found.
    /// </summary>
    internal sealed class PwshRunspace : IDisposable
    {
        public static readonly string ModuleRoot = typeof(PwshRunspace).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ModuleRoot").Value!;

        private readonly Runspace _runspace;

        private PwshRunspace(Runspace runspace)
        {
            _runspace = runspace;
        }

        /// <summary>Opens a runspace; <paramref name="moduleRoot"/> (default: the repo's out/module) goes first on PSModulePath.</summary>
        public static PwshRunspace Open(string? moduleRoot = null)
        {
            string existing = Environment.GetEnvironmentVariable("PSModulePath") ?? string.Empty;
            Environment.SetEnvironmentVariable("PSModulePath", (moduleRoot ?? ModuleRoot) + Path.PathSeparator + existing);
            Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            return new PwshRunspace(runspace);
        }

        /// <summary>A pipeline bound to this runspace; the caller adds commands and invokes it.</summary>
        public PowerShell CreatePipeline()
        {
            PowerShell ps = PowerShell.Create();
            ps.Runspace = _runspace;
            return ps;
        }

        /// <summary>Runs <paramref name="script"/>; any error, terminating or not, throws.</summary>
        public Collection<PSObject> Run(string script)
        {
            using PowerShell ps = CreatePipeline();
            ps.AddScript(script);
            Collection<PSObject> output = ps.Invoke();
            if (ps.Streams.Error.Count > 0) throw new InvalidOperationException(string.Join(" | ", ps.Streams.Error.Select(e => e.ToString())));
            return output;
        }

        public void Dispose() => _runspace.Dispose();
    }
}
