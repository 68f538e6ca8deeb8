using System;

namespace Alpharun.Commands
{
    /// <summary>
    /// Which PowerShell can load the module. Alpharun.Client references System.Text.Json 10.0.0.0, which PowerShell 7
    /// takes from its own .NET: 7.6 (.NET 10) has it, 7.4 (.NET 8) and 7.5 (.NET 9) do not, and both are out of
    /// support. Windows PowerShell 5.1 loads the copy in Dependencies/. Refusing at import names the problem;
    /// otherwise the first upload would fail with a bare assembly-load error.
    /// </summary>
    internal static class RuntimeSupport
    {
        /// <summary>The oldest .NET a PowerShell 7 may run on: the version of System.Text.Json the module references.</summary>
        public const int MinimumDotNetMajor = 10;

        /// <summary>Why the module cannot run here, or null when it can.</summary>
        public static string? Problem(string frameworkDescription, Version runtimeVersion)
        {
            if (frameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)) return null;
            if (runtimeVersion.Major >= MinimumDotNetMajor) return null;
            return $"Alpharun needs PowerShell 7.6 or later, or Windows PowerShell 5.1. This PowerShell runs on .NET {runtimeVersion.ToString(2)}, "
                + "which lacks the System.Text.Json version the module uses. Install PowerShell 7.6 (https://aka.ms/powershell), or import the module in Windows PowerShell 5.1.";
        }
    }
}
