using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace IoUring.Package.Tests.Support;

/// <summary>
/// A fenced code block of a Markdown file, with the marker comment on the line before its fence
/// (docs/README.md, "Examples that compile", describes the markers).
/// </summary>
/// <param name="File">The Markdown file's path.</param>
/// <param name="Language">The fence's info string (<c>csharp</c>, <c>sh</c>...).</param>
/// <param name="FirstLine">The 1-based line of the block's first line of code (the line after the fence).</param>
/// <param name="Lines">The block's lines, without the fences.</param>
/// <param name="Marker">The text inside <c>&lt;!-- ... --&gt;</c> on the line right before the fence, or null.</param>
public sealed record CodeBlock(string File, string Language, int FirstLine, IReadOnlyList<string> Lines, string? Marker)
{
    private static readonly Regex MarkerComment = new(@"^\s*<!--\s*(?<text>.*?)\s*-->\s*$", RegexOptions.CultureInvariant);

    public string Text => string.Join('\n', Lines) + "\n";

    /// <summary>Where the block is, for messages: <c>docs/async.md:42</c>.</summary>
    public string Where => $"{Path.GetRelativePath(RepoPaths.Root, File)}:{FirstLine}";

    /// <summary>Every fenced block of <paramref name="path"/>, in order.</summary>
    public static IReadOnlyList<CodeBlock> Read(string path)
    {
        string[] lines = System.IO.File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<CodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            string language = lines[i][3..].Trim();
            int end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            if (end < 0)
            {
                throw new InvalidDataException($"{path}:{i + 1}: a code fence that is never closed");
            }

            Match marker = i > 0 ? MarkerComment.Match(lines[i - 1]) : Match.Empty;
            blocks.Add(new CodeBlock(path, language, i + 2, lines[(i + 1)..end], marker.Success ? marker.Groups["text"].Value : null));
            i = end;
        }

        return blocks;
    }

    /// <summary>The README and every page of docs/: the Markdown files whose C# blocks must compile.</summary>
    public static IEnumerable<string> DocumentationFiles() =>
        new[] { Path.Combine(RepoPaths.Root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal));
}
