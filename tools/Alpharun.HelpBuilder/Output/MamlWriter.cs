using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Alpharun.HelpBuilder.Model;

namespace Alpharun.HelpBuilder.Output
{
    /// <summary>
    /// Writes the MAML file Get-Help reads for a binary module ("&lt;assembly&gt;-Help.xml"): the engine's metadata for
    /// syntax and parameter attributes, the markdown's prose for everything a person writes. Same schema and element
    /// order as platyPS's New-ExternalHelp.
    /// </summary>
    internal static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

        public static void Write(string path, IReadOnlyList<(CmdletSignature Metadata, CommandDoc Doc)> commands)
        {
            var root = new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
                commands.Select(c => CommandElement(c.Metadata, c.Doc)));

            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using XmlWriter writer = XmlWriter.Create(path, settings);
            new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(writer);
        }

        private static XElement CommandElement(CmdletSignature command, CommandDoc doc) =>
            new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", command.Name),
                    new XElement(Command + "verb", command.Verb),
                    new XElement(Command + "noun", command.Noun),
                    Description(doc.Synopsis)),
                Description(doc.Description),
                new XElement(Command + "syntax", command.ParameterSets.Select(set => SyntaxItem(command, set, doc))),
                new XElement(Command + "parameters", doc.Parameters.Select(p => ParametersEntry(command, p))),
                new XElement(Command + "inputTypes", doc.Inputs.Select(t => TypeEntry(Command + "inputType", t))),
                new XElement(Command + "returnValues", doc.Outputs.Select(t => TypeEntry(Command + "returnValue", t))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(doc.Notes))),
                new XElement(Command + "examples", doc.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", Links(doc)));

        private static XElement SyntaxItem(CmdletSignature command, ParameterSetSignature set, CommandDoc doc) =>
            new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", command.Name),
                set.Parameters.Select(p => ParameterElement(p, p.IsMandatory, p.Position, p.ByValue, p.ByPropertyName,
                    p.SupportsWildcards || (Find(doc, p.Name)?.AcceptsWildcards ?? false), Find(doc, p.Name), inSyntax: true)));

        private static XElement ParametersEntry(CmdletSignature command, ParameterDoc doc)
        {
            // The validator has already failed the build for a documented parameter the cmdlet lacks.
            MergedParameter merged = MergedParameter.Find(command, doc.Name)
                ?? throw new InvalidOperationException($"{command.Name} has no parameter -{doc.Name}.");
            return ParameterElement(merged.Metadata, merged.Required, merged.Position, merged.ByValue, merged.ByPropertyName,
                merged.SupportsWildcards || doc.AcceptsWildcards, doc, inSyntax: false);
        }

        private static XElement ParameterElement(ParameterSignature parameter, bool required, int? position, bool byValue, bool byPropertyName,
            bool globbing, ParameterDoc? doc, bool inSyntax)
        {
            var element = new XElement(Command + "parameter",
                new XAttribute("required", Bool(required)),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", Bool(globbing)),
                new XAttribute("pipelineInput", PipelineInput(byValue, byPropertyName)),
                new XAttribute("position", position.HasValue ? position.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named"),
                new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
                new XElement(Maml + "name", parameter.Name),
                Description(doc?.Description ?? new List<string>()));

            // A switch takes no value: the syntax shows [-PassThru], not [-PassThru <SwitchParameter>].
            if (!(inSyntax && parameter.IsSwitch))
            {
                element.Add(new XElement(Command + "parameterValue",
                    new XAttribute("required", Bool(!parameter.IsSwitch)),
                    new XAttribute("variableLength", Bool(parameter.Type.IsArray)),
                    TypeNames.Short(parameter.Type)));
            }
            element.Add(
                new XElement(Dev + "type", new XElement(Maml + "name", TypeNames.Full(parameter.Type)), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", doc?.DefaultValue ?? (parameter.IsSwitch ? "False" : "None")));
            return element;
        }

        private static XElement TypeEntry(XName name, TypeDoc type) =>
            new XElement(name,
                new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
                Description(type.Description));

        private static XElement Example(ExampleDoc example) =>
            new XElement(Command + "example",
                new XElement(Maml + "title", $"---------- {example.Title} ----------"),
                new XElement(Dev + "code", example.Code),
                new XElement(Dev + "remarks", Paras(example.Remarks)));

        private static IEnumerable<XElement> Links(CommandDoc doc)
        {
            if (doc.OnlineVersion != null) yield return Link("Online Version:", doc.OnlineVersion);
            foreach (LinkDoc link in doc.Links) yield return Link(link.Text, link.Uri);
        }

        private static XElement Link(string text, string? uri) =>
            new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri ?? string.Empty));

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

        private static ParameterDoc? Find(CommandDoc doc, string name) =>
            doc.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

        private static string PipelineInput(bool byValue, bool byPropertyName) =>
            byValue && byPropertyName ? "True (ByPropertyName, ByValue)"
            : byValue ? "True (ByValue)"
            : byPropertyName ? "True (ByPropertyName)"
            : "False";

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
