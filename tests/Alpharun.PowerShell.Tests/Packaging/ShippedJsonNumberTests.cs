using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// Issue 19, item 6: the contacts JSON (the wire, the Contacts output text and the journal key) is the same bytes
    /// under Windows PowerShell 5.1 as under 7.6. Windows PowerShell 5.1 runs the shipped Alpharun.Client.dll with the
    /// netstandard System.Text.Json from Dependencies/; here those very files are loaded into an isolated, collectible
    /// load context (never the runtime's own System.Text.Json) and compared with the same Alpharun.Client.dll bound to
    /// .NET 10's System.Text.Json, as PowerShell 7.6 runs it.
    /// </summary>
    public class ShippedJsonNumberTests
    {
        // The module as shipped (out/module): the tests' own copy has no Dependencies/. Loaded into a collectible context
        // of its own, so it never meets the copy the hosted engine imported.
        private static readonly string ModuleFolder = Path.GetDirectoryName(PwshSession.BuiltModuleManifest)!;
        private static readonly string DependencyFolder = Path.Combine(ModuleFolder, "Dependencies");

        /// <summary>Resolves the module's own assemblies, and with <c>shipped</c> every library from Dependencies/ as 5.1 does.</summary>
        private sealed class ModuleLoadContext : AssemblyLoadContext
        {
            private readonly bool _shippedDependencies;

            public ModuleLoadContext(bool shippedDependencies)
                : base(shippedDependencies ? "Alpharun as on 5.1" : "Alpharun as on 7.6", isCollectible: true)
            {
                _shippedDependencies = shippedDependencies;
            }

            protected override Assembly? Load(AssemblyName name)
            {
                string own = Path.Combine(ModuleFolder, name.Name + ".dll");
                if (File.Exists(own)) return LoadFromAssemblyPath(own);
                string dependency = Path.Combine(DependencyFolder, name.Name + ".dll");
                return _shippedDependencies && File.Exists(dependency) ? LoadFromAssemblyPath(dependency) : null;
            }
        }

        // The values of the issue: 0.1 (G17 writes 0.10000000000000001), 1e21, 2^53+1 as a whole number and as the
        // double it becomes, [decimal]::MaxValue, -0.0 and double.Epsilon, plus 0.1+0.2 and a small and a large double.
        private static readonly (string Key, object Value)[] Fields =
        {
            ("tenth", 0.1), ("big", 1e21), ("beyond", 9007199254740993L), ("beyond_double", 9007199254740993d),
            ("max", decimal.MaxValue), ("negzero", -0.0), ("eps", double.Epsilon), ("sum", 0.1 + 0.2),
            ("small", 1.5e-7), ("large", 123456789.123), ("text", "0.1"), ("flag", true),
        };

        private const string Expected =
            "[{\"email\":\"bob@client.com\",\"custom_fields\":[{\"key\":\"tenth\",\"value\":0.1},{\"key\":\"big\",\"value\":1E+21},"
            + "{\"key\":\"beyond\",\"value\":9007199254740993},{\"key\":\"beyond_double\",\"value\":9007199254740992},"
            + "{\"key\":\"max\",\"value\":79228162514264337593543950335},{\"key\":\"negzero\",\"value\":-0},{\"key\":\"eps\",\"value\":5E-324},"
            + "{\"key\":\"sum\",\"value\":0.30000000000000004},{\"key\":\"small\",\"value\":1.5E-07},{\"key\":\"large\",\"value\":123456789.123},"
            + "{\"key\":\"text\",\"value\":\"0.1\"},{\"key\":\"flag\",\"value\":true}]}]";

        [Fact]
        public void TheShippedNetstandardAssembliesWriteTheContactsJsonByteForByteAsDotNet10Does()
        {
            (string shipped, string shippedJsonFrom) = EncodeIn(shippedDependencies: true);
            (string dotNet10, string dotNet10JsonFrom) = EncodeIn(shippedDependencies: false);

            // The comparison is only worth something if each side really ran the System.Text.Json it names.
            Assert.Equal(Path.Combine(DependencyFolder, "System.Text.Json.dll"), shippedJsonFrom);
            Assert.NotEqual(shippedJsonFrom, dotNet10JsonFrom);
            Assert.Equal(Expected, dotNet10);
            Assert.Equal(Expected, shipped);
        }

        // The contacts JSON of one contact with every field above, and where that context's System.Text.Json came from.
        private static (string Json, string JsonLocation) EncodeIn(bool shippedDependencies)
        {
            var context = new ModuleLoadContext(shippedDependencies);
            try
            {
                Assembly client = context.LoadFromAssemblyPath(Path.Combine(ModuleFolder, "Alpharun.Client.dll"));
                object contacts = Contacts(client, Fields);
                byte[] json = (byte[])client.GetType("Alpharun.ContactsJson", throwOnError: true)!.GetMethod("Encode")!.Invoke(null, new[] { contacts })!;
                Assembly systemTextJson = context.LoadFromAssemblyName(client.GetReferencedAssemblies().Single(n => n.Name == "System.Text.Json"));
                return (Encoding.UTF8.GetString(json), systemTextJson.Location);
            }
            finally
            {
                context.Unload();
            }
        }

        // new[] { new Contact(email: "bob@client.com", customFields: fields) }, built from that context's types.
        private static object Contacts(Assembly client, IEnumerable<(string Key, object Value)> fields)
        {
            Type fieldType = client.GetType("Alpharun.CustomField", throwOnError: true)!;
            Type contactType = client.GetType("Alpharun.Contact", throwOnError: true)!;
            List<(string Key, object Value)> list = fields.ToList();
            Array customFields = Array.CreateInstance(fieldType, list.Count);
            for (int i = 0; i < list.Count; i++) customFields.SetValue(Activator.CreateInstance(fieldType, list[i].Key, list[i].Value), i);
            ConstructorInfo constructor = contactType.GetConstructors().Single(c => c.GetParameters().Length == 6);
            object contact = constructor.Invoke(new object?[] { "bob@client.com", null, null, null, null, customFields });
            Array contacts = Array.CreateInstance(contactType, 1);
            contacts.SetValue(contact, 0);
            return contacts;
        }
    }
}
