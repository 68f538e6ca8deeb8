using System.Management.Automation;

namespace Alpharun
{
    /// <summary>
    /// The Id alias of RecordingId that the module's recording objects carry at the prompt ($r.Id). It is added to each
    /// object rather than declared in a types.ps1xml: for a TypesToProcess entry Import-Module resolves the file of
    /// every types entry of the session (throwing and catching ItemNotFoundException for the built-in ones) and rebuilds
    /// the type table, while an instance alias costs a microsecond per object. It reads, lists, sorts and converts the
    /// same (Select-Object *, Export-Csv: first; ConvertTo-Json: last; Export-Clixml: kept), and it also works in
    /// runspaces that never imported the module (ForEach-Object -Parallel), where the types file's alias was missing.
    /// </summary>
    internal static class IdAlias
    {
        public static PSObject AddTo(PSObject wrapped)
        {
            wrapped.Properties.Add(new PSAliasProperty("Id", "RecordingId"));
            return wrapped;
        }
    }
}
