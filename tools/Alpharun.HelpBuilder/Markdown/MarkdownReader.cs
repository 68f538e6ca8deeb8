using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Alpharun.HelpBuilder.Markdown
{
    /// <summary>
    /// A small block parser for the help sources: ATX headings, paragraphs, "-", "*" or "1." list items and
    /// ``` fences, after an optional "---" front matter. Enough for platyPS-style help, with no dependency.
    /// </summary>
    internal static class MarkdownReader
    {
        private static readonly Regex Heading = new Regex(@"^(#{1,6})\s+(.*?)\s*#*\s*$");
        private static readonly Regex ListMarker = new Regex(@"^\s{0,3}(?:[-*+]|\d+\.)\s+(.*)$");
        private static readonly Regex FrontMatterEntry = new Regex(@"^([^:]+):\s*(.*)$");

        public static MarkdownDocument Parse(string text)
        {
            string[] lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var frontMatter = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var blocks = new List<MarkdownBlock>();
            int i = 0;

            if (lines.Length > 0 && lines[0].Trim() == "---")
            {
                for (i = 1; i < lines.Length && lines[i].Trim() != "---"; i++)
                {
                    Match entry = FrontMatterEntry.Match(lines[i]);
                    if (entry.Success) frontMatter[entry.Groups[1].Value.Trim()] = entry.Groups[2].Value.Trim();
                }
                i++;
            }

            List<string>? open = null;
            BlockKind openKind = BlockKind.Paragraph;
            int openLine = 0;

            void Close()
            {
                if (open != null) blocks.Add(new MarkdownBlock(openKind, openLine, open));
                open = null;
            }

            for (; i < lines.Length; i++)
            {
                string line = lines[i];
                string trimmed = line.TrimStart();

                if (trimmed.StartsWith("```", StringComparison.Ordinal))
                {
                    Close();
                    string fence = trimmed.Substring(0, trimmed.Length - trimmed.TrimStart('`').Length);
                    string language = trimmed.Substring(fence.Length).Trim();
                    int start = i + 1;
                    var code = new List<string>();
                    for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith(fence, StringComparison.Ordinal); i++) code.Add(lines[i]);
                    blocks.Add(new MarkdownBlock(BlockKind.Code, start, code, language: language.Length == 0 ? null : language));
                    continue;
                }

                Match heading = Heading.Match(line);
                if (heading.Success)
                {
                    Close();
                    blocks.Add(new MarkdownBlock(BlockKind.Heading, i + 1, new[] { heading.Groups[2].Value }, heading.Groups[1].Value.Length));
                    continue;
                }

                if (trimmed.Length == 0)
                {
                    Close();
                    continue;
                }

                Match item = ListMarker.Match(line);
                if (item.Success)
                {
                    Close();
                    open = new List<string> { item.Groups[1].Value };
                    openKind = BlockKind.ListItem;
                    openLine = i + 1;
                    continue;
                }

                if (open is null)
                {
                    open = new List<string>();
                    openKind = BlockKind.Paragraph;
                    openLine = i + 1;
                }
                open.Add(line);
            }
            Close();
            return new MarkdownDocument(frontMatter, blocks);
        }
    }
}
