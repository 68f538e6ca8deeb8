using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// A cmdlet page of docs/help, read the plain way a reviewer reads it (headings and fences), independently of
    /// the help builder's parser: its sections and "### -Name" parameters with their "Default value:" lines.
    /// </summary>
    public sealed class HelpPage
    {
        public static readonly string Folder = Path.Combine(PwshSession.RepoRoot, "docs", "help");

        private static readonly Regex DefaultValue = new Regex(@"^Default value:\s*(.*?)\s*$", RegexOptions.Multiline);

        private HelpPage(string name, string text)
        {
            Name = name;
            Text = text;
        }

        public string Name { get; }

        public string Text { get; }

        /// <summary>Every cmdlet page (about_* topics are not cmdlet pages).</summary>
        public static IReadOnlyList<HelpPage> All() => Directory.GetFiles(Folder, "*.md")
            .Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new HelpPage(Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))
            .ToList();

        /// <summary>The text of "## <paramref name="title"/>" up to the next "## " heading.</summary>
        public string Section(string title)
        {
            Match match = Regex.Match(Text, $@"^## {Regex.Escape(title)}[ \t]*\r?\n(.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
            return match.Success ? match.Groups[1].Value.Trim() : string.Empty;
        }

        /// <summary>The "### -Name" parameter sections: name to section text.</summary>
        public IReadOnlyDictionary<string, string> Parameters()
        {
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string[] parts = Regex.Split(Section("PARAMETERS"), @"^### ", RegexOptions.Multiline);
            foreach (string part in parts.Skip(1))
            {
                int end = part.IndexOf('\n');
                string heading = (end < 0 ? part : part.Substring(0, end)).Trim();
                if (heading.StartsWith("-", StringComparison.Ordinal)) parameters[heading.Substring(1)] = end < 0 ? string.Empty : part.Substring(end + 1).Trim();
            }
            return parameters;
        }

        /// <summary>The "Default value:" line of a parameter section, or null.</summary>
        public static string? DefaultOf(string parameterSection)
        {
            Match match = DefaultValue.Match(parameterSection);
            return match.Success ? match.Groups[1].Value : null;
        }
    }
}
