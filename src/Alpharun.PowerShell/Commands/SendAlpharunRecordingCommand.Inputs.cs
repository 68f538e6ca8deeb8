using System;
using System.Collections.Generic;
using System.Linq;

namespace Alpharun.Commands
{
    /// <summary>
    /// The files of one input: -Path or -LiteralPath resolved, and a blank value (a blank path cell of a CSV row, an
    /// empty -Path) turned into a MissingFile error that takes its place in the batch's input order.
    /// </summary>
    public sealed partial class SendAlpharunRecordingCommand
    {
        // How many inputs ProcessRecord has had: a piped object (a CSV row) is input row N.
        private int _inputs;
        private bool _pathsAreArguments;

        private IEnumerable<ResolvedInput> ResolveInputs()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            string?[] values = (literal ? LiteralPath : Path) ?? Array.Empty<string?>();
            if (values.Length == 0) values = new string?[] { null };
            for (int i = 0; i < values.Length; i++)
            {
                string? value = values[i];
                if (string.IsNullOrWhiteSpace(value))
                {
                    yield return ResolvedInput.Failed(MissingFile(literal ? "-LiteralPath" : "-Path", i + 1, values.Length));
                    continue;
                }
                IEnumerable<ResolvedInput> files = literal ? Paths.ResolveLiteral(new[] { value! }) : Paths.ResolvePatterns(new[] { value! });
                foreach (ResolvedInput file in files) yield return file;
            }
        }

        /// <summary>The error of a blank path: it names the row it came from (and what else the row holds), or the argument.</summary>
        private System.Management.Automation.ErrorRecord MissingFile(string parameter, int position, int count)
        {
            if (_pathsAreArguments || !MyInvocation.ExpectingInput)
            {
                string target = $"{parameter} value {position}";
                return AlpharunErrors.InvalidArgument("MissingFile",
                    $"{(count == 1 ? parameter : target)} is blank, so it names no file to send. Pass the path of an audio file.", target);
            }
            string row = $"input row {_inputs}";
            var cells = new List<string>();
            if (!string.IsNullOrWhiteSpace(Teammate)) cells.Add($"teammate_email {Teammate!.Trim()}");
            string contacts = string.Join("; ", (Contact ?? Array.Empty<object?>()).Select(c => ContactArgument.Unwrap(c) is string text ? text.Trim() : null).Where(c => !string.IsNullOrEmpty(c)));
            if (contacts.Length > 0) cells.Add($"contacts {contacts}");
            if (RecordedAt != null) cells.Add($"recorded_at {RecordedAt.Given.Trim()}");
            string which = cells.Count == 0 ? string.Empty : $" ({string.Join(", ", cells)})";
            return AlpharunErrors.InvalidArgument("MissingFile",
                $"Input row {_inputs}{which} has a blank path, so it names no file to send. Fill in its path cell, or leave the row out.", row);
        }
    }
}
