using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Alpharun.Commands
{
    /// <summary>
    /// Loads the module's own copies of its libraries (System.Text.Json and what it needs on .NET Framework) from the
    /// Dependencies folder, on Windows PowerShell 5.1 only. On PowerShell 7.6 the runtime already provides every one
    /// of them at the same or a higher version, so nothing is loaded from there and nothing can clash with what
    /// PowerShell or another module loaded. The handler answers only for an assembly that is in the folder at exactly
    /// the version asked for, so it never hijacks another module's load.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? string.Empty, "Dependencies");

        private static readonly bool OnNetFramework =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>Refuses a PowerShell 7 older than 7.6; registers the handler when the module is imported.</summary>
        public void OnImport()
        {
            string? problem = RuntimeSupport.Problem(RuntimeInformation.FrameworkDescription, Environment.Version);
            if (problem != null) throw new PlatformNotSupportedException(problem);
            if (OnNetFramework) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        /// <summary>Removes it when the module is removed.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (OnNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var wanted = new AssemblyName(args.Name);
            string candidate = Path.Combine(DependencyFolder, wanted.Name + ".dll");
            if (!File.Exists(candidate)) return null;
            AssemblyName shipped = AssemblyName.GetAssemblyName(candidate);
            return wanted.Version is null || wanted.Version == shipped.Version ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
