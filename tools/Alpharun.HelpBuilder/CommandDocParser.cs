using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Alpharun.HelpBuilder.Markdown;
using Alpharun.HelpBuilder.Model;

namespace Alpharun.HelpBuilder
{
    /// <summary>
    /// Reads a platyPS-style cmdlet page: "# Name", then "## SYNOPSIS", "## DESCRIPTION", "## EXAMPLES"
    /// ("### Example 1: title"), "## PARAMETERS" ("### -Name"), "## INPUTS", "## OUTPUTS" ("### TypeName"),
    /// "## NOTES" and "## RELATED LINKS". "## SYNTAX" may be present and is ignored: the engine knows the syntax.
    /// </summary>
    internal static class CommandDocParser
    {
        private static readonly Regex ParameterHeading = new Regex(@"^-([A-Za-z][A-Za-z0-9_]*)$");
        private static readonly Regex ExampleHeading = new Regex(@"^Example\s+\d+\s*(?::\s*(.*))?$", RegexOptions.IgnoreCase);
        private static readonly Regex DefaultValueLine = new Regex(@"^\s*Default value:\s*(.*?)\s*$", RegexOptions.IgnoreCase);
        private static readonly Regex WildcardLine = new Regex(@"^\s*Accept wildcard characters:\s*(True|False)\s*$", RegexOptions.IgnoreCase);
        private static readonly Regex LinkLine = new Regex(@"^\[([^\]]+)\]\(([^)\s]*)\)$");

        private static readonly HashSet<string> KnownSections = new HashSet<string>(StringComparer.Ordinal)
        {
            "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
        };

        public static CommandDoc Parse(string expectedName, string path, string displayPath, List<HelpProblem> problems)
        {
            MarkdownDocument markdown = MarkdownReader.Parse(System.IO.File.ReadAllText(path));
            var doc = new CommandDoc(expectedName, displayPath);
            if (markdown.FrontMatter.TryGetValue("online version", out string? online) && online.Length > 0) doc.OnlineVersion = online;

            string? section = null;
            ExampleDoc? example = null;
            ParameterDoc? parameter = null;
            TypeDoc? type = null;
            bool sawTitle = false;

            foreach (MarkdownBlock block in markdown.Blocks)
            {
                if (block.Kind == BlockKind.Heading)
                {
                    string title = block.Text;
                    if (block.Level == 1)
                    {
                        sawTitle = true;
                        if (!string.Equals(title, expectedName, StringComparison.Ordinal))
                        {
                            problems.Add(new HelpProblem(displayPath, block.Line, $"The title is '# {title}' but the file documents '{expectedName}'."));
                        }
                        continue;
                    }
                    if (block.Level == 2)
                    {
                        section = title.ToUpperInvariant();
                        example = null;
                        parameter = null;
                        type = null;
                        if (!KnownSections.Contains(section))
                        {
                            problems.Add(new HelpProblem(displayPath, block.Line, $"Unknown section '## {title}'. Use: {string.Join(", ", KnownSections)}."));
                        }
                        continue;
                    }
                    if (block.Level == 3)
                    {
                        example = null;
                        parameter = null;
                        type = null;
                        OpenSubsection(doc, section, block, displayPath, problems, ref example, ref parameter, ref type);
                        continue;
                    }
                }

                switch (section)
                {
                    case "SYNOPSIS":
                        doc.Synopsis.Add(ToPara(block));
                        break;
                    case "DESCRIPTION":
                        doc.Description.Add(ToPara(block));
                        break;
                    case "NOTES":
                        doc.Notes.Add(ToPara(block));
                        break;
                    case "EXAMPLES" when example != null:
                        if (block.Kind == BlockKind.Code && example.Code.Length == 0) example.Code = block.Text.TrimEnd();
                        else example.Remarks.Add(ToPara(block));
                        break;
                    case "PARAMETERS" when parameter != null:
                        AddParameterBlock(parameter, block);
                        break;
                    case "INPUTS" when type != null:
                    case "OUTPUTS" when type != null:
                        type.Description.Add(ToPara(block));
                        break;
                    case "RELATED LINKS":
                        AddLink(doc, block, displayPath, problems);
                        break;
                    case "SYNTAX":
                    case "PARAMETERS":
                    case "EXAMPLES":
                    case "INPUTS":
                    case "OUTPUTS":
                        // Text between the section heading and its first "###" (or in SYNTAX) is not part of the help.
                        break;
                    default:
                        problems.Add(new HelpProblem(displayPath, block.Line, "Text before the first '## ' section is not part of any section."));
                        break;
                }
            }

            if (!sawTitle) problems.Add(new HelpProblem(displayPath, 1, $"The page must start with '# {expectedName}'."));
            return doc;
        }

        private static void OpenSubsection(CommandDoc doc, string? section, MarkdownBlock block, string displayPath, List<HelpProblem> problems,
            ref ExampleDoc? example, ref ParameterDoc? parameter, ref TypeDoc? type)
        {
            string title = block.Text;
            switch (section)
            {
                case "EXAMPLES":
                    Match match = ExampleHeading.Match(title);
                    if (!match.Success)
                    {
                        problems.Add(new HelpProblem(displayPath, block.Line, $"An example heading reads '### Example <n>: <title>', not '### {title}'."));
                        return;
                    }
                    example = new ExampleDoc(InlineText.ToPlain(title), block.Line);
                    doc.Examples.Add(example);
                    return;
                case "PARAMETERS":
                    Match name = ParameterHeading.Match(title);
                    if (name.Success)
                    {
                        parameter = new ParameterDoc(name.Groups[1].Value, block.Line);
                        doc.Parameters.Add(parameter);
                    }
                    else if (!string.Equals(title, "CommonParameters", StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add(new HelpProblem(displayPath, block.Line, $"A parameter heading reads '### -Name', not '### {title}'."));
                    }
                    return;
                case "INPUTS":
                case "OUTPUTS":
                    type = new TypeDoc(InlineText.ToPlain(title));
                    (section == "INPUTS" ? doc.Inputs : doc.Outputs).Add(type);
                    return;
                default:
                    problems.Add(new HelpProblem(displayPath, block.Line, $"'### {title}' is only allowed under EXAMPLES, PARAMETERS, INPUTS or OUTPUTS."));
                    return;
            }
        }

        private static void AddParameterBlock(ParameterDoc parameter, MarkdownBlock block)
        {
            if (block.Kind != BlockKind.Paragraph)
            {
                parameter.Description.Add(ToPara(block));
                return;
            }

            // "Default value:" and "Accept wildcard characters:" lines are data, not prose.
            var prose = new List<string>();
            foreach (string line in block.Lines)
            {
                Match defaultValue = DefaultValueLine.Match(line);
                Match wildcard = WildcardLine.Match(line);
                if (defaultValue.Success) parameter.DefaultValue = InlineText.ToPlain(defaultValue.Groups[1].Value);
                else if (wildcard.Success) parameter.AcceptsWildcards = string.Equals(wildcard.Groups[1].Value, "True", StringComparison.OrdinalIgnoreCase);
                else prose.Add(line);
            }
            if (prose.Count > 0) parameter.Description.Add(ToPara(new MarkdownBlock(BlockKind.Paragraph, block.Line, prose)));
        }

        private static void AddLink(CommandDoc doc, MarkdownBlock block, string displayPath, List<HelpProblem> problems)
        {
            foreach (string raw in block.Lines)
            {
                string line = raw.Trim();
                if (line.Length == 0) continue;
                Match link = LinkLine.Match(line);
                if (!link.Success)
                {
                    problems.Add(new HelpProblem(displayPath, block.Line, $"A related link reads '[text](address)', not '{line}'."));
                    continue;
                }
                string address = link.Groups[2].Value;
                bool absolute = address.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
                doc.Links.Add(new LinkDoc(link.Groups[1].Value, absolute ? address : null));
            }
        }

        /// <summary>A block as one help paragraph: list items keep their dash, code keeps its lines, indented.</summary>
        internal static string ToPara(MarkdownBlock block)
        {
            switch (block.Kind)
            {
                case BlockKind.ListItem:
                    return "- " + InlineText.ToPlain(block.Text);
                case BlockKind.Code:
                    return string.Join("\n", block.Lines).TrimEnd();
                default:
                    return InlineText.ToPlain(block.Text);
            }
        }
    }
}
