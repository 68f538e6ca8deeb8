namespace Alpharun.HelpBuilder.Model
{
    /// <summary>A RELATED LINKS entry. Only absolute http(s) addresses become a uri; links to other .md files keep their text.</summary>
    internal sealed class LinkDoc
    {
        public LinkDoc(string text, string? uri)
        {
            Text = text;
            Uri = uri;
        }

        public string Text { get; }

        public string? Uri { get; }
    }
}
