using System;
using System.Linq;

namespace Alpharun.HelpBuilder.Output
{
    /// <summary>Type names as help shows them: "String[]" in syntax, "System.String[]" in dev:type. Nullable&lt;T&gt; is T.</summary>
    internal static class TypeNames
    {
        public static string Short(Type type) => Format(type, t => t.Name);

        public static string Full(Type type) => Format(type, t => t.FullName ?? t.Name);

        private static string Format(Type type, Func<Type, string> name)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsArray) return Format(type.GetElementType()!, name) + "[]";
            if (!type.IsGenericType) return name(type);
            string definition = name(type.GetGenericTypeDefinition());
            int tick = definition.IndexOf('`');
            if (tick >= 0) definition = definition.Substring(0, tick);
            return definition + "[" + string.Join(", ", type.GetGenericArguments().Select(a => Format(a, name))) + "]";
        }
    }
}
