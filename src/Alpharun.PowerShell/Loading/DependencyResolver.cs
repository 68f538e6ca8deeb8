using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Alpharun.Commands
{
    /// <summary>
    /// Loads the module's own copies of its libraries from the Dependencies folder. On Windows PowerShell 5.1 that is
    /// System.Text.Json and what it needs on .NET Framework, and TimeZoneConverter. On PowerShell 7.6 the runtime
    /// already provides System.Text.Json and its closure at the same or a higher version, so the runtime never asks
    /// for them and nothing can clash with what PowerShell or another module loaded; it asks only for TimeZoneConverter,
    /// which PowerShell does not have. The handler answers only for an assembly that is in the folder at exactly the
    /// version asked for, so it never hijacks another module's load.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? string.Empty, "Dependencies");

        /// <summary>Refuses a PowerShell 7 older than 7.6; registers the handler when the module is imported.</summary>
        public void OnImport()
        {
            string? problem = RuntimeSupport.Problem(RuntimeInformation.FrameworkDescription, Environment.Version);
            if (problem != null) throw new PlatformNotSupportedException(problem);
            // The runtime raises the event only for an assembly it could not find itself.
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        /// <summary>Removes it when the module is removed.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

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
