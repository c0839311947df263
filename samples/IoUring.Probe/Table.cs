using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace IoUring.Samples.Probe;

/// <summary>A plain-text table with columns padded to their widest cell.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}");
        }

        _rows.Add(cells);
    }

    public void WriteTo(TextWriter output)
    {
        int[] widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        WriteRow(output, headers, widths);
        WriteRow(output, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (string[] row in _rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        string line = string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i])));
        output.WriteLine(line.TrimEnd());
    }
}
