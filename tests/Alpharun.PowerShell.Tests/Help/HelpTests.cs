using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// The module's help as built from docs/help by tools/Alpharun.HelpBuilder into out/module/Alpharun/en-US, compared
    /// with the engine's metadata of the imported module's cmdlets. Help as users read it (Get-Help, the examples) is
    /// specified by tests/pester/Help.Tests.ps1.
    /// </summary>
    public class HelpTests
    {
        private static readonly string MamlPath = Path.Combine(PwshSession.RepoRoot, "out", "module", "Alpharun", "en-US", "Alpharun.PowerShell.dll-Help.xml");
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";

        private static IReadOnlyList<CmdletInfo> ExportedCmdlets(PwshSession session) => session
            .Run("(Get-Module Alpharun).ExportedCmdlets.Values | Sort-Object Name").ThrowIfFailed()
            .Output.Select(o => (CmdletInfo)o.BaseObject).ToList();

        private static bool IsCommon(string parameter) =>
            Cmdlet.CommonParameters.Contains(parameter) || parameter == "UseTransaction";

        private static IReadOnlyList<string> OwnParameters(CmdletInfo cmdlet) =>
            cmdlet.Parameters.Keys.Where(p => !IsCommon(p)).ToList();

        [Fact]
        public void MarkdownPagesMatchTheExportedCmdletsAndTheirParameters()
        {
            using var session = new PwshSession();
            IReadOnlyList<CmdletInfo> cmdlets = ExportedCmdlets(session);
            IReadOnlyList<HelpPage> pages = HelpPage.All();
            Assert.Equal(cmdlets.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal), pages.Select(p => p.Name));

            var problems = new List<string>();
            foreach (CmdletInfo cmdlet in cmdlets)
            {
                HelpPage page = pages.Single(p => p.Name == cmdlet.Name);
                IReadOnlyDictionary<string, string> documented = page.Parameters();
                problems.AddRange(documented.Keys.Except(OwnParameters(cmdlet), StringComparer.OrdinalIgnoreCase).Select(p => $"{cmdlet.Name}: -{p} is documented but the cmdlet has no such parameter"));
                problems.AddRange(OwnParameters(cmdlet).Except(documented.Keys, StringComparer.OrdinalIgnoreCase).Select(p => $"{cmdlet.Name}: -{p} is not documented"));

                foreach (Type output in cmdlet.OutputType.Select(t => t.Type).Where(t => t != null && t != typeof(void)))
                {
                    if (!page.Section("OUTPUTS").Contains("### " + output.FullName)) problems.Add($"{cmdlet.Name}: [OutputType({output.FullName})] is not under ## OUTPUTS");
                }
                problems.AddRange(DefaultsThatDisagreeWithTheCode(cmdlet, documented));
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void MamlMatchesTheEngineParameterSetsAndAttributes()
        {
            using var session = new PwshSession();
            IReadOnlyList<CmdletInfo> cmdlets = ExportedCmdlets(session);
            Assert.True(File.Exists(MamlPath), $"{MamlPath} is missing: dotnet build Alpharun.sln writes it (tools/Alpharun.HelpBuilder).");
            XElement[] commands = XDocument.Load(MamlPath).Root!.Elements(Command + "command").ToArray();
            Assert.Equal(cmdlets.Select(c => c.Name), commands.Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value).OrderBy(n => n, StringComparer.Ordinal));

            var problems = new List<string>();
            foreach (CmdletInfo cmdlet in cmdlets)
            {
                XElement command = commands.Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value == cmdlet.Name);
                foreach (string name in command.Element(Command + "parameters")!.Elements(Command + "parameter").Select(ParameterName))
                {
                    if (!OwnParameters(cmdlet).Contains(name, StringComparer.OrdinalIgnoreCase)) problems.Add($"{cmdlet.Name}: the MAML documents -{name}, which the cmdlet lacks");
                }

                // One syntax item per parameter set, each with exactly that set's parameters, bound as the engine binds them.
                XElement[] items = command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToArray();
                if (items.Length != cmdlet.ParameterSets.Count) problems.Add($"{cmdlet.Name}: {items.Length} syntax item(s) for {cmdlet.ParameterSets.Count} parameter set(s)");
                foreach (CommandParameterSetInfo set in cmdlet.ParameterSets)
                {
                    CommandParameterInfo[] own = set.Parameters.Where(p => !IsCommon(p.Name)).ToArray();
                    XElement? item = items.FirstOrDefault(i => i.Elements(Command + "parameter").Select(ParameterName).OrderBy(n => n).SequenceEqual(own.Select(p => p.Name).OrderBy(n => n)));
                    if (item is null)
                    {
                        problems.Add($"{cmdlet.Name}: no syntax item has exactly the parameters of set '{set.Name}'");
                        continue;
                    }
                    foreach (CommandParameterInfo parameter in own)
                    {
                        XElement element = item.Elements(Command + "parameter").Single(e => ParameterName(e) == parameter.Name);
                        string expected = $"{(parameter.IsMandatory ? "true" : "false")} {(parameter.Position == int.MinValue ? "named" : parameter.Position.ToString(CultureInfo.InvariantCulture))} {parameter.ValueFromPipeline} {parameter.ValueFromPipelineByPropertyName} {(parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases))}";
                        string pipeline = (string)element.Attribute("pipelineInput")!;
                        string actual = $"{(string)element.Attribute("required")!} {(string)element.Attribute("position")!} {pipeline.Contains("ByValue")} {pipeline.Contains("ByPropertyName")} {(string)element.Attribute("aliases")!}";
                        if (expected != actual) problems.Add($"{cmdlet.Name} [{set.Name}] -{parameter.Name}: engine '{expected}', MAML '{actual}'");
                    }
                }
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        private static string ParameterName(XElement parameter) => parameter.Element(Maml + "name")!.Value;

        /// <summary>
        /// A default that is a number or a switch must be the value the cmdlet really starts with, and a non-zero
        /// numeric default in the code must be documented: "Default value: 4" can never silently go stale.
        /// </summary>
        private static IEnumerable<string> DefaultsThatDisagreeWithTheCode(CmdletInfo cmdlet, IReadOnlyDictionary<string, string> documented)
        {
            object instance = Activator.CreateInstance(cmdlet.ImplementingType)!;
            try
            {
                foreach (KeyValuePair<string, string> parameter in documented)
                {
                    PropertyInfo? property = cmdlet.ImplementingType.GetProperty(parameter.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                    if (property is null) continue; // WhatIf and Confirm belong to the engine; reported elsewhere otherwise.
                    object? actual = property.GetValue(instance);
                    if (actual is SwitchParameter flag) actual = flag.IsPresent;
                    string? written = HelpPage.DefaultOf(parameter.Value);

                    bool numeric = actual is int || actual is long;
                    if (numeric && Convert.ToInt64(actual, CultureInfo.InvariantCulture) != 0 && written is null)
                    {
                        yield return $"{cmdlet.Name} -{parameter.Key}: the code's default {actual} is not documented";
                        continue;
                    }
                    if (written is null) continue;
                    string firstWord = written.Split(' ')[0];
                    if (numeric && long.TryParse(firstWord, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number) && number != Convert.ToInt64(actual, CultureInfo.InvariantCulture))
                    {
                        yield return $"{cmdlet.Name} -{parameter.Key}: documented default {number}, the code's is {actual}";
                    }
                    if (actual is bool value && bool.TryParse(firstWord, out bool writtenBool) && writtenBool != value)
                    {
                        yield return $"{cmdlet.Name} -{parameter.Key}: documented default {writtenBool}, the code's is {value}";
                    }
                }
            }
            finally
            {
                (instance as IDisposable)?.Dispose();
            }
        }
    }
}
