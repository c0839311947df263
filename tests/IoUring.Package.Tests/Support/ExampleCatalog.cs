using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace IoUring.Package.Tests.Support;

/// <summary>
/// Every C# example of the repository's documentation: the C# blocks of README.md and docs/*.md, the complete
/// programs of docs/examples/ that fragments point to, and the newcomer's programs (Newcomer/ in this project).
/// </summary>
public sealed class ExampleCatalog
{
    private static readonly Lazy<ExampleCatalog> Shared = new(Load);

    public static ExampleCatalog Instance => Shared.Value;

    public static string ExamplesFolder => Path.Combine(RepoPaths.Root, "docs", "examples");

    public static string NewcomerFolder => Path.Combine(RepoPaths.Root, "tests", "IoUring.Package.Tests", "Newcomer");

    /// <summary>Every C# block of the documentation, marked or not.</summary>
    public IReadOnlyList<CodeBlock> CSharpBlocks { get; private init; } = [];

    public IReadOnlyList<Example> Examples { get; private init; } = [];

    public IReadOnlyList<Fragment> Fragments { get; private init; } = [];

    /// <summary>Markers that could not be read, with where they are.</summary>
    public IReadOnlyList<string> Problems { get; private init; } = [];

    public Example? Find(string name) => Examples.FirstOrDefault(e => e.Name == name);

    private static ExampleCatalog Load()
    {
        var blocks = new List<CodeBlock>();
        var examples = new List<Example>();
        var fragments = new List<Fragment>();
        var problems = new List<string>();
        foreach (string file in CodeBlock.DocumentationFiles())
        {
            foreach (CodeBlock block in CodeBlock.Read(file).Where(b => b.Language is "csharp" or "cs" or "c#"))
            {
                blocks.Add(block);
                if (block.Marker is null)
                {
                    continue;
                }

                try
                {
                    if (block.Marker.StartsWith("fragment of:", StringComparison.Ordinal))
                    {
                        fragments.Add(new Fragment(block, block.Marker["fragment of:".Length..].Trim()));
                    }
                    else
                    {
                        examples.Add(Example.Parse(block.Marker, block.File, block.FirstLine, block.Lines));
                    }
                }
                catch (FormatException e)
                {
                    problems.Add(e.Message);
                }
            }
        }

        foreach (string folder in new[] { ExamplesFolder, NewcomerFolder }.Where(Directory.Exists))
        {
            foreach (string file in Directory.GetFiles(folder, "*.cs").Order(StringComparer.Ordinal))
            {
                try
                {
                    examples.Add(Example.FromFile(file));
                }
                catch (FormatException e)
                {
                    problems.Add(e.Message);
                }
            }
        }

        problems.AddRange(examples.GroupBy(e => e.Name).Where(g => g.Count() > 1)
            .Select(g => $"example name '{g.Key}' is used more than once: {string.Join(", ", g.Select(e => e.Where))}"));
        return new ExampleCatalog { CSharpBlocks = blocks, Examples = examples, Fragments = fragments, Problems = problems };
    }
}
