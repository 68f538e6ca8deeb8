using System.Collections.Generic;
using System.Linq;

namespace Alpharun.HelpBuilder.Markdown
{
    /// <summary>
    /// One block of a markdown file: a heading (with its level), a paragraph, a list item or a fenced code block.
    /// <see cref="Lines"/> keeps the source lines, so "Default value: 4" can be read from a paragraph line by line.
    /// </summary>
    internal sealed class MarkdownBlock
    {
        public MarkdownBlock(BlockKind kind, int line, IReadOnlyList<string> lines, int level = 0, string? language = null)
        {
            Kind = kind;
            Line = line;
            Lines = lines;
            Level = level;
            Language = language;
        }

        public BlockKind Kind { get; }

        /// <summary>The 1-based line the block starts on, for error messages.</summary>
        public int Line { get; }

        public IReadOnlyList<string> Lines { get; }

        /// <summary>The heading level (1 for "#"); 0 for other blocks.</summary>
        public int Level { get; }

        /// <summary>The info string of a code fence, e.g. "powershell".</summary>
        public string? Language { get; }

        /// <summary>Code keeps its line breaks; prose is joined into one line, as markdown renders it.</summary>
        public string Text => Kind == BlockKind.Code
            ? string.Join("\n", Lines)
            : string.Join(" ", Lines.Select(l => l.Trim()).Where(l => l.Length > 0));
    }
}
