using System.Text.RegularExpressions;

namespace Alpharun.HelpBuilder.Markdown
{
    /// <summary>
    /// Markdown inline markup to the plain text Get-Help prints: `code` and **bold** lose their marks, a link keeps
    /// its text. Single * and _ are left alone: they are wildcards and snake_case names far more often than emphasis.
    /// </summary>
    internal static class InlineText
    {
        private static readonly Regex Link = new Regex(@"\[([^\]]+)\]\([^)\s]+\)");
        private static readonly Regex CodeSpan = new Regex(@"`([^`]+)`");

        public static string ToPlain(string markdown)
        {
            string text = Link.Replace(markdown, "$1");
            text = CodeSpan.Replace(text, "$1");
            return text.Replace("**", string.Empty).Replace("\\|", "|");
        }
    }
}
