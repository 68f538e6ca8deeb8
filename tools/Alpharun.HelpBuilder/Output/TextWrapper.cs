using System.Collections.Generic;
using System.Text;

namespace Alpharun.HelpBuilder.Output
{
    /// <summary>Word-wraps prose for the plain-text about topics.</summary>
    internal static class TextWrapper
    {
        /// <summary>
        /// Lines of at most <paramref name="width"/> columns: the first starts with <paramref name="firstIndent"/>,
        /// the others with <paramref name="restIndent"/>. A word longer than a line gets a line of its own.
        /// </summary>
        public static IEnumerable<string> Wrap(string text, int width, string firstIndent, string restIndent)
        {
            var line = new StringBuilder(firstIndent);
            bool empty = true;
            foreach (string word in text.Split(new[] { ' ' }, System.StringSplitOptions.RemoveEmptyEntries))
            {
                if (!empty && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear().Append(restIndent);
                    empty = true;
                }
                if (!empty) line.Append(' ');
                line.Append(word);
                empty = false;
            }
            if (!empty) yield return line.ToString();
        }
    }
}
