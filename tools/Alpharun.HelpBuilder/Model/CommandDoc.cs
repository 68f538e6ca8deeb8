using System.Collections.Generic;

namespace Alpharun.HelpBuilder.Model
{
    /// <summary>The prose of one cmdlet, as written in docs/help/&lt;Name&gt;.md. Paragraphs are plain text.</summary>
    internal sealed class CommandDoc
    {
        public CommandDoc(string name, string sourcePath)
        {
            Name = name;
            SourcePath = sourcePath;
        }

        public string Name { get; }

        /// <summary>The markdown file, for error messages.</summary>
        public string SourcePath { get; }

        /// <summary>The "online version" of the front matter: Get-Help -Online opens it.</summary>
        public string? OnlineVersion { get; set; }

        public List<string> Synopsis { get; } = new List<string>();

        public List<string> Description { get; } = new List<string>();

        public List<ExampleDoc> Examples { get; } = new List<ExampleDoc>();

        public List<ParameterDoc> Parameters { get; } = new List<ParameterDoc>();

        public List<TypeDoc> Inputs { get; } = new List<TypeDoc>();

        public List<TypeDoc> Outputs { get; } = new List<TypeDoc>();

        public List<string> Notes { get; } = new List<string>();

        public List<LinkDoc> Links { get; } = new List<LinkDoc>();
    }
}
