using System.Collections.Generic;

namespace Alpharun.HelpBuilder.Markdown
{
    /// <summary>A parsed markdown file: its front matter ("key: value" between "---" lines) and its blocks.</summary>
    internal sealed class MarkdownDocument
    {
        public MarkdownDocument(IReadOnlyDictionary<string, string> frontMatter, IReadOnlyList<MarkdownBlock> blocks)
        {
            FrontMatter = frontMatter;
            Blocks = blocks;
        }

        public IReadOnlyDictionary<string, string> FrontMatter { get; }

        public IReadOnlyList<MarkdownBlock> Blocks { get; }
    }
}
