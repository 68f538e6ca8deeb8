namespace Alpharun.HelpBuilder.Markdown
{
    /// <summary>The few markdown blocks the help sources use.</summary>
    internal enum BlockKind
    {
        Heading,
        Paragraph,
        ListItem,
        Code,
    }
}
