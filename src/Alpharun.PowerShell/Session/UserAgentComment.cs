using System.Collections;
using System.Management.Automation;

namespace Alpharun.Commands
{
    /// <summary>The PowerShell part of the User-Agent: edition and version, e.g. "PowerShell/7.6.0 Core".</summary>
    internal static class UserAgentComment
    {
        public static string For(PSCmdlet cmdlet)
        {
            var table = cmdlet.SessionState.PSVariable.GetValue("PSVersionTable") as IDictionary;
            object? version = table?["PSVersion"];
            object? edition = table?["PSEdition"] ?? "Desktop";
            string module = typeof(UserAgentComment).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            return $"Alpharun.PowerShell/{module}; PowerShell/{version} {edition}";
        }
    }
}
