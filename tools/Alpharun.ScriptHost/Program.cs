using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace Alpharun.ScriptHost
{
    /// <summary>
    /// Runs a PowerShell script as pwsh would print it: every stream formatted by the engine's own formatter.
    /// The built module folder is put first on PSModulePath, so scripts say "Import-Module Alpharun" as users do.
    /// Exit code: 0 when the script wrote no error, 1 otherwise, 2 for bad usage.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 0 || !File.Exists(args[0]))
            {
                Console.Error.WriteLine("usage: Alpharun.ScriptHost <script.ps1> [arguments...]");
                return 2;
            }

            string moduleRoot = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleRoot").Value!;
            string? existing = Environment.GetEnvironmentVariable("PSModulePath");
            Environment.SetEnvironmentVariable("PSModulePath", moduleRoot + Path.PathSeparator + existing);

            using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript("param($Script, $Rest) & $Script @Rest *>&1 | Out-String -Stream -Width 200")
              .AddArgument(Path.GetFullPath(args[0]))
              .AddArgument(args.Skip(1).ToArray());

            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (_, e) => Console.WriteLine(output[e.Index]?.ToString());
            bool failed = false;
            try
            {
                ps.Invoke<PSObject, PSObject>(null, output, new PSInvocationSettings());
            }
            catch (RuntimeException e)
            {
                Console.Error.WriteLine(e.ErrorRecord?.ToString() ?? e.Message);
                failed = true;
            }
            failed |= ps.HadErrors || ps.Streams.Error.Count > 0;
            foreach (ErrorRecord error in ps.Streams.Error) Console.Error.WriteLine(error.ToString());
            return failed ? 1 : 0;
        }
    }
}
