using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// A runspace of the real PowerShell 7.6 engine with the built module imported by its manifest, as a user's session
    /// would have it. Each test gets its own, so connections and sandboxes never mix.
    /// </summary>
    public sealed class PwshSession : IDisposable
    {
        public static readonly string RepoRoot = typeof(PwshSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepoRoot").Value!;

        /// <summary>
        /// The module the tests import: laid out in this test project's own output folder (the csproj's
        /// LayOutModuleForTests), the same files as out/module/Alpharun (ModuleLayoutTests). Its assemblies are the
        /// ones a mutation tool (Stryker) rewrites in place, so every engine-hosted test runs against the mutant.
        /// </summary>
        public static readonly string ModuleManifest = Path.Combine(AppContext.BaseDirectory, "Alpharun.psd1");

        /// <summary>The module as the build lays it out and the package ships it (what Pester imports).</summary>
        public static readonly string BuiltModuleManifest = Path.Combine(RepoRoot, "out", "module", "Alpharun", "Alpharun.psd1");

        /// <summary>The version the build stamped into the manifest (AlpharunVersion in Directory.Build.props).</summary>
        public static readonly string ModuleVersion = typeof(PwshSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ModuleVersion").Value!;

        private readonly Runspace _runspace;

        /// <param name="host">The host the runspace writes its screen lines to (e.g. a <see cref="RecordingHost"/>); none by default.</param>
        public PwshSession(bool importModule = true, string? workingDirectory = null, System.Management.Automation.Host.PSHost? host = null)
        {
            _runspace = host is null
                ? RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2())
                : RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
            _runspace.Open();
            if (workingDirectory != null) Run("Set-Location -LiteralPath $args[0]", workingDirectory).ThrowIfFailed();
            if (importModule) Run("Import-Module -Name $args[0] -ErrorAction Stop", ModuleManifest).ThrowIfFailed();
        }

        public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

        /// <summary>The runspace itself, for tests of what happens when it closes.</summary>
        public Runspace Runspace => _runspace;

        /// <summary>A PowerShell bound to this session's runspace, for tests that drive it asynchronously (e.g. Stop()).</summary>
        public System.Management.Automation.PowerShell CreatePipeline()
        {
            var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _runspace;
            return ps;
        }

        /// <summary>Runs <paramref name="script"/> with <paramref name="args"/> as $args; collects every stream.</summary>
        public PwshResult Run(string script, params object?[] args)
        {
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            foreach (object? arg in args) ps.AddArgument(arg);
            var result = new PwshResult();
            try
            {
                result.Output.AddRange(ps.Invoke());
            }
            catch (RuntimeException e)
            {
                result.Terminating = e;
            }
            result.Errors.AddRange(ps.Streams.Error);
            result.Verbose.AddRange(ps.Streams.Verbose.Select(v => v.Message));
            result.Warnings.AddRange(ps.Streams.Warning.Select(v => v.Message));
            result.Debug.AddRange(ps.Streams.Debug.Select(v => v.Message));
            result.Information.AddRange(ps.Streams.Information.Select(v => v.ToString()));
            result.Progress.AddRange(ps.Streams.Progress);
            return result;
        }

        public void Dispose()
        {
            try
            {
                if (_runspace.RunspaceStateInfo.State == RunspaceState.Opened) Run("if (Get-Command Stop-AlpharunSandbox -ErrorAction Ignore) { Stop-AlpharunSandbox }");
            }
            finally
            {
                _runspace.Dispose();
            }
        }
    }

    public sealed class PwshResult
    {
        public List<PSObject> Output { get; } = new List<PSObject>();
        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
        public List<string> Verbose { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
        public List<string> Debug { get; } = new List<string>();
        public List<string> Information { get; } = new List<string>();
        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();
        public RuntimeException? Terminating { get; set; }

        public PwshResult ThrowIfFailed()
        {
            if (Terminating != null) throw new InvalidOperationException("Terminating error: " + Terminating.Message, Terminating);
            if (Errors.Count > 0) throw new InvalidOperationException("Errors: " + string.Join(" | ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception.Message)));
            return this;
        }

        public T Property<T>(int index, string name) => (T)LanguagePrimitives.ConvertTo(Output[index].Properties[name].Value, typeof(T));

        public IEnumerable<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId);

        /// <summary>The one error of a run: the terminating one, or else the only one written.</summary>
        public ErrorRecord SingleError() => Terminating?.ErrorRecord ?? Xunit.Assert.Single(Errors);
    }
}
