using System;
using System.Text;

namespace IoUring.HeaderGen.Emit;

/// <summary>A string builder that indents with four spaces and always ends lines with "\n".</summary>
public sealed class IndentedWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            text.Append(' ', depth * 4);
            text.Append(line);
        }

        text.Append('\n');
        return this;
    }

    public IndentedWriter Open(string line)
    {
        Line(line);
        Line("{");
        depth++;
        return this;
    }

    public IndentedWriter Close(string suffix = "")
    {
        depth = Math.Max(0, depth - 1);
        return Line("}" + suffix);
    }

    public override string ToString() => text.ToString();
}
