using System.Collections.Generic;
using System.IO;
using System.Text;
using Alpharun.HelpBuilder.Markdown;

namespace Alpharun.HelpBuilder.Output
{
    /// <summary>
    /// Turns docs/help/about_*.md into the classic about_*.help.txt layout Get-Help prints: "# about_X" becomes
    /// TOPIC, "##" headings are upper case at the margin, "###" headings are indented by 2, prose by 4 and wrapped
    /// at 80 columns, list items hang, and code blocks are indented by 8 and never wrapped.
    /// </summary>
    internal static class AboutTopicWriter
    {
        private const int Width = 80;
        private const string Body = "    ";

        public static void Write(MarkdownDocument markdown, string topicName, string path)
        {
            var lines = new List<string>();
            MarkdownBlock? previous = null;
            foreach (MarkdownBlock block in markdown.Blocks)
            {
                // A blank line between blocks, except under a section heading and between the items of one list.
                bool sameList = block.Kind == BlockKind.ListItem && previous?.Kind == BlockKind.ListItem;
                bool underHeading = previous is { Kind: BlockKind.Heading, Level: > 1 };
                if (lines.Count > 0 && !sameList && !underHeading) lines.Add(string.Empty);
                previous = block;

                switch (block.Kind)
                {
                    case BlockKind.Heading when block.Level == 1:
                        lines.Add("TOPIC");
                        lines.Add(Body + topicName);
                        break;
                    case BlockKind.Heading when block.Level == 2:
                        lines.Add(InlineText.ToPlain(block.Text).ToUpperInvariant());
                        break;
                    case BlockKind.Heading:
                        lines.Add("  " + InlineText.ToPlain(block.Text));
                        break;
                    case BlockKind.ListItem:
                        lines.AddRange(TextWrapper.Wrap(InlineText.ToPlain(block.Text), Width, Body + "- ", Body + "  "));
                        break;
                    case BlockKind.Code:
                        foreach (string code in block.Lines) lines.Add(code.Trim().Length == 0 ? string.Empty : Body + Body + code);
                        break;
                    default:
                        lines.AddRange(TextWrapper.Wrap(InlineText.ToPlain(block.Text), Width, Body, Body));
                        break;
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        }
    }
}
