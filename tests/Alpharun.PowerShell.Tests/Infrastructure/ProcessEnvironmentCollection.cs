using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>Tests that change the process environment share this collection and never run beside each other.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public class ProcessEnvironmentCollection
    {
        public const string Name = "Process environment";
    }
}
