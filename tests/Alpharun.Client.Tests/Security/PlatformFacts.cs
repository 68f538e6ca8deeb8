using System.Runtime.InteropServices;
using Xunit;

namespace Alpharun.Tests.Security
{
    /// <summary>A fact that needs Linux or macOS (symbolic links without privileges, file names Windows forbids).</summary>
    internal sealed class UnixFactAttribute : FactAttribute
    {
        public UnixFactAttribute()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) Skip = "Needs Linux or macOS.";
        }
    }
}
