using System.Collections.Generic;

namespace Alpharun.HelpBuilder.Model
{
    /// <summary>An INPUTS or OUTPUTS entry: "### TypeName" and what it means.</summary>
    internal sealed class TypeDoc
    {
        public TypeDoc(string typeName)
        {
            TypeName = typeName;
        }

        public string TypeName { get; }

        public List<string> Description { get; } = new List<string>();
    }
}
