using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace IoUring.Package.Tests.Support;

/// <summary>Which fresh project an example builds in: <c>dotnet new console</c> or <c>dotnet new web</c>.</summary>
public enum ExampleKind
{
    Console,
    Web,
}

/// <summary>
/// A complete program of the documentation: a C# block marked <c>&lt;!-- complete: NAME; options --&gt;</c>, or a file
/// whose first line is <c>// complete: NAME; options</c> (docs/examples/, the newcomer programs). Options:
/// <c>web</c> (builds in the web project), <c>runs</c>, <c>prints: TEXT</c> (runs, and its output contains TEXT),
/// <c>get: /PATH -> TEXT</c> (a web example that runs and answers TEXT on GET /PATH), <c>unsafe</c> (may use pointers).
/// </summary>
public sealed record Example(
    string Name,
    ExampleKind Kind,
    string SourceFile,
    int FirstLine,
    IReadOnlyList<string> Lines,
    bool Runs,
    string? Prints,
    string? GetPath,
    string? GetAnswer,
    bool AllowsUnsafe)
{
    private static readonly Regex NamePattern = new("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant);

    public string Where => $"{Path.GetRelativePath(RepoPaths.Root, SourceFile)}:{FirstLine}";

    public int LastLine => FirstLine + Lines.Count - 1;

    /// <summary>A C# identifier for the example's generated namespace.</summary>
    public string Identifier => "Example_" + Name.Replace('-', '_');

    /// <summary>Parses <c>complete: NAME; option; ...</c> (the marker text without the comment syntax).</summary>
    public static Example Parse(string marker, string sourceFile, int firstLine, IReadOnlyList<string> lines)
    {
        string where = $"{Path.GetRelativePath(RepoPaths.Root, sourceFile)}:{firstLine}";
        string[] parts = marker.Split(';').Select(p => p.Trim()).ToArray();
        if (!parts[0].StartsWith("complete:", StringComparison.Ordinal))
        {
            throw new FormatException($"{where}: expected 'complete: NAME', got '{marker}'");
        }

        string name = parts[0]["complete:".Length..].Trim();
        if (!NamePattern.IsMatch(name))
        {
            throw new FormatException($"{where}: example name '{name}' must be lower-case letters, digits and dashes");
        }

        ExampleKind kind = ExampleKind.Console;
        bool runs = false, allowsUnsafe = false;
        string? prints = null, getPath = null, getAnswer = null;
        foreach (string option in parts.Skip(1).Where(p => p.Length > 0))
        {
            if (option == "web")
            {
                kind = ExampleKind.Web;
            }
            else if (option == "runs")
            {
                runs = true;
            }
            else if (option == "unsafe")
            {
                allowsUnsafe = true;
            }
            else if (option.StartsWith("prints:", StringComparison.Ordinal))
            {
                prints = option["prints:".Length..].Trim();
                runs = true;
            }
            else if (option.StartsWith("get:", StringComparison.Ordinal) && option.Contains("->", StringComparison.Ordinal))
            {
                string[] get = option["get:".Length..].Split("->", 2);
                (getPath, getAnswer) = (get[0].Trim(), get[1].Trim());
                runs = true;
            }
            else
            {
                throw new FormatException($"{where}: unknown example option '{option}' (web, runs, unsafe, prints: TEXT, get: /PATH -> TEXT)");
            }
        }

        if (getPath is not null && kind != ExampleKind.Web)
        {
            throw new FormatException($"{where}: 'get:' needs the 'web' option");
        }

        if (kind == ExampleKind.Web && runs && getPath is null)
        {
            throw new FormatException($"{where}: a web example that runs says what to ask it: 'get: /PATH -> TEXT'");
        }

        return new Example(name, kind, sourceFile, firstLine, lines, runs, prints, getPath, getAnswer, allowsUnsafe);
    }

    /// <summary>A program file whose first line is <c>// complete: NAME; options</c>.</summary>
    public static Example FromFile(string path)
    {
        string[] lines = File.ReadAllText(path).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        const string Prefix = "// ";
        if (!lines[0].StartsWith(Prefix + "complete:", StringComparison.Ordinal))
        {
            throw new FormatException($"{path}:1: an example file starts with '// complete: NAME; options'");
        }

        return Parse(lines[0][Prefix.Length..], path, 2, lines[1..]);
    }
}

/// <summary>A C# block marked <c>&lt;!-- fragment of: NAME --&gt;</c>: every line of it is in the complete example NAME, in order.</summary>
public sealed record Fragment(CodeBlock Block, string Of);
