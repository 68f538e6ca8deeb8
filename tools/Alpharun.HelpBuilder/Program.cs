using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Alpharun.HelpBuilder.Markdown;
using Alpharun.HelpBuilder.Model;
using Alpharun.HelpBuilder.Output;

namespace Alpharun.HelpBuilder
{
    /// <summary>
    /// Builds the module's help: docs/help/&lt;Cmdlet&gt;.md plus the engine's metadata become
    /// out/module/Alpharun/en-US/&lt;assembly&gt;-Help.xml, and docs/help/about_*.md become about_*.help.txt.
    /// Exit code 0 when the help was written; 1, with one MSBuild-style error per problem, when it is incomplete.
    /// </summary>
    public static class Program
    {
        private const string ModuleName = "Alpharun";
        private const string Culture = "en-US";

        public static int Main(string[] args)
        {
            if (args.Length != 1 || !Directory.Exists(args[0]))
            {
                Console.Error.WriteLine("usage: Alpharun.HelpBuilder <repository root>");
                return 2;
            }

            string root = Path.GetFullPath(args[0]);
            string docs = Path.Combine(root, "docs", "help");
            string moduleFolder = Path.Combine(root, "out", "module", ModuleName);
            string manifest = Path.Combine(moduleFolder, ModuleName + ".psd1");
            var problems = new List<HelpProblem>();

            if (!File.Exists(manifest))
            {
                Console.Error.WriteLine($"{manifest}: error ALPHARUNHELP: The module is not laid out; build src/Alpharun.PowerShell first.");
                return 1;
            }

            IReadOnlyList<CmdletSignature> commands;
            using (var engine = new EngineCommandReader())
            {
                commands = engine.ReadExportedCmdlets(manifest);
            }

            var pages = new List<(CmdletSignature Metadata, CommandDoc Doc)>();
            foreach (CmdletSignature command in commands)
            {
                string page = Path.Combine(docs, command.Name + ".md");
                string shown = Relative(root, page);
                if (!File.Exists(page))
                {
                    problems.Add(new HelpProblem(page, 0, $"{command.Name} is exported by {ModuleName}.psd1 but has no help page: create {shown}."));
                    continue;
                }
                CommandDoc doc = CommandDocParser.Parse(command.Name, page, page, problems);
                HelpValidator.Validate(command, doc, problems);
                pages.Add((command, doc));
            }

            string[] aboutPages = Directory.Exists(docs) ? Directory.GetFiles(docs, "about_*.md") : Array.Empty<string>();
            if (!aboutPages.Any(p => string.Equals(Path.GetFileNameWithoutExtension(p), "about_" + ModuleName, StringComparison.Ordinal)))
            {
                problems.Add(new HelpProblem(Path.Combine(docs, $"about_{ModuleName}.md"), 0, $"The module's about topic is missing: create docs/help/about_{ModuleName}.md."));
            }
            foreach (string stray in Directory.Exists(docs) ? Directory.GetFiles(docs, "*.md") : Array.Empty<string>())
            {
                string name = Path.GetFileNameWithoutExtension(stray);
                if (!name.StartsWith("about_", StringComparison.Ordinal) && !commands.Any(c => c.Name == name))
                {
                    problems.Add(new HelpProblem(stray, 0, $"{name} is not a cmdlet the module exports: rename or delete this page."));
                }
            }

            if (problems.Count > 0)
            {
                foreach (HelpProblem problem in problems) Console.Error.WriteLine(problem);
                Console.Error.WriteLine($"Alpharun help: {problems.Count} problem(s); no help was written.");
                return 1;
            }

            string cultureFolder = Path.Combine(moduleFolder, Culture);
            foreach (IGrouping<string, (CmdletSignature Metadata, CommandDoc Doc)> file in pages.GroupBy(p => p.Metadata.HelpFile))
            {
                string mamlPath = Path.Combine(cultureFolder, file.Key);
                MamlWriter.Write(mamlPath, file.ToList());
                Console.WriteLine($"Alpharun help: {file.Count()} cmdlet(s) -> {Relative(root, mamlPath)}");
            }
            foreach (string about in aboutPages)
            {
                string topic = Path.GetFileNameWithoutExtension(about);
                string target = Path.Combine(cultureFolder, topic + ".help.txt");
                AboutTopicWriter.Write(MarkdownReader.Parse(File.ReadAllText(about)), topic, target);
                Console.WriteLine($"Alpharun help: {topic} -> {Relative(root, target)}");
            }
            return 0;
        }

        private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
    }
}
