using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Alpharun.Benchmarks
{
    /// <summary>A Markdown table with padded columns, so it reads the same in a terminal and rendered.</summary>
    internal sealed class ResultTable
    {
        private readonly string[] _headers;
        private readonly List<string[]> _rows = new List<string[]>();

        public ResultTable(params string[] headers)
        {
            _headers = headers;
        }

        public int RowCount => _rows.Count;

        public void AddRow(params string[] cells)
        {
            if (cells.Length != _headers.Length) throw new ArgumentException($"A row needs {_headers.Length} cells, not {cells.Length}.");
            _rows.Add(cells.Select(c => c.Replace("|", "\\|")).ToArray());
        }

        public string ToMarkdown()
        {
            int[] widths = _headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
            var sb = new StringBuilder();
            AppendLine(sb, _headers, widths);
            sb.Append('|').Append(string.Join("|", widths.Select(w => new string('-', w + 2)))).Append("|\n");
            foreach (string[] row in _rows) AppendLine(sb, row, widths);
            return sb.ToString();
        }

        private static void AppendLine(StringBuilder sb, string[] cells, int[] widths)
        {
            sb.Append('|');
            for (int i = 0; i < cells.Length; i++) sb.Append(' ').Append(cells[i].PadRight(widths[i])).Append(" |");
            sb.Append('\n');
        }
    }
}
