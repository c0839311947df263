using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace IoUring.HeaderGen;

/// <summary>The tool's command line: what to parse, where to look, where to write.</summary>
public sealed record GeneratorOptions(
    IReadOnlyList<string> IncludeDirectories,
    IReadOnlyList<string> Headers,
    string? OutputPath,
    string Namespace,
    string? ProvenancePath)
{
    /// <summary>Where to write the sorted API listing (the source generator's view of the Native layer), or null.</summary>
    public string? ListingPath { get; init; }

    /// <summary>Macros a maintainer has reviewed and accepted as skipped; any other skipped macro is a warning.</summary>
    public IReadOnlyList<string> ReviewedSkips { get; init; } = [];

    /// <summary>A committed listing to compare the headers with: the tool prints what changed and writes no code.</summary>
    public string? CheckAgainstPath { get; init; }

    /// <summary>
    /// Target triples the headers are parsed for (<c>x86_64-linux-gnu</c>, <c>aarch64-linux-gnu</c>); the first is the
    /// primary one. Each is parsed on its own; a type or constant whose layout or value differs between them is a
    /// warning (IOUHG003) unless <see cref="ArchSpecific"/> names it, and then it is emitted once per target.
    /// </summary>
    public IReadOnlyList<string> Targets { get; init; } = [DefaultTarget];

    /// <summary>Names (types or constants) known to differ between the targets, reviewed: emitted per architecture.</summary>
    public IReadOnlyList<string> ArchSpecific { get; init; } = [];

    /// <summary>The target when none is given: the only one the tool knew before arm64.</summary>
    public const string DefaultTarget = "x86_64-linux-gnu";

    /// <summary>Written in an include folder, replaced by each target triple (<c>headers/include/{target}</c>).</summary>
    public const string TargetPlaceholder = "{target}";

    /// <summary>These options for one target: its include folders with <see cref="TargetPlaceholder"/> replaced.</summary>
    public GeneratorOptions ForTarget(string target) => this with
    {
        IncludeDirectories = IncludeDirectories.Select(d => d.Replace(TargetPlaceholder, target, StringComparison.Ordinal)).ToList(),
        Targets = [target],
    };

    public const string Usage =
        "usage: IoUring.HeaderGen [@file.rsp] --include-dir DIR... --header PATH_OR_GLOB... [--output FILE] " +
        "[--namespace NS] [--provenance README.md] [--listing FILE] [--reviewed-skip MACRO...] [--check-against LISTING] " +
        "[--target TRIPLE...] [--arch-specific NAME...]\n" +
        "  --header takes a path relative to an include folder; '*' is allowed in the file name (linux/io_uring/*.h).\n" +
        "  --target (default x86_64-linux-gnu; the first is emitted) may be repeated; '{target}' in an --include-dir is replaced by each.";

    /// <summary>Parses arguments; <c>@file</c> expands to the file's non-empty, non-# lines (one argument each, or "option value").</summary>
    public static GeneratorOptions Parse(IEnumerable<string> args)
    {
        var includes = new List<string>();
        var headers = new List<string>();
        string? output = null;
        string ns = "IoUring.Interop.Native";
        string? provenance = null;
        string? listing = null;
        var reviewedSkips = new List<string>();
        string? checkAgainst = null;
        var targets = new List<string>();
        var archSpecific = new List<string>();

        List<string> expanded = Expand(args).ToList();
        for (int i = 0; i < expanded.Count; i++)
        {
            string Next() => i + 1 < expanded.Count ? expanded[++i] : throw new ArgumentException($"{expanded[i]} needs a value");
            switch (expanded[i])
            {
                case "--include-dir": includes.Add(Next()); break;
                case "--header": headers.Add(Next()); break;
                case "--output": output = Next(); break;
                case "--namespace": ns = Next(); break;
                case "--provenance": provenance = Next(); break;
                case "--listing": listing = Next(); break;
                case "--reviewed-skip": reviewedSkips.Add(Next()); break;
                case "--check-against": checkAgainst = Next(); break;
                case "--target": targets.Add(Next()); break;
                case "--arch-specific": archSpecific.Add(Next()); break;
                default: throw new ArgumentException($"unknown argument '{expanded[i]}'");
            }
        }

        if (includes.Count == 0 || headers.Count == 0)
        {
            throw new ArgumentException("at least one --include-dir and one --header are required");
        }

        if (targets.Distinct(StringComparer.Ordinal).Count() != targets.Count)
        {
            throw new ArgumentException("a --target is given twice");
        }

        return new GeneratorOptions(includes, headers, output, ns, provenance)
        {
            ListingPath = listing,
            ReviewedSkips = reviewedSkips,
            CheckAgainstPath = checkAgainst,
            Targets = targets.Count == 0 ? [DefaultTarget] : targets,
            ArchSpecific = archSpecific,
        };
    }

    private static IEnumerable<string> Expand(IEnumerable<string> args)
    {
        foreach (string arg in args)
        {
            if (!arg.StartsWith('@'))
            {
                yield return arg;
                continue;
            }

            foreach (string raw in File.ReadAllLines(arg[1..]))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                int space = line.IndexOf(' ');
                if (line.StartsWith("--", StringComparison.Ordinal) && space > 0)
                {
                    yield return line[..space];
                    yield return line[(space + 1)..].Trim();
                }
                else
                {
                    yield return line;
                }
            }
        }
    }
}
