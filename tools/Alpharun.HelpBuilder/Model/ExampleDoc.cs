using System.Collections.Generic;

namespace Alpharun.HelpBuilder.Model
{
    /// <summary>A "### Example N: title" section: the first code block is the example, the rest are remarks.</summary>
    internal sealed class ExampleDoc
    {
        public ExampleDoc(string title, int line)
        {
            Title = title;
            Line = line;
        }

        public string Title { get; }

        public int Line { get; }

        public string Code { get; set; } = string.Empty;

        public List<string> Remarks { get; } = new List<string>();
    }
}
