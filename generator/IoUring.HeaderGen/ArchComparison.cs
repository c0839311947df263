using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using IoUring.HeaderGen.Emit;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen;

/// <summary>The model of the headers for one target triple.</summary>
/// <param name="Target">The clang target triple (<c>x86_64-linux-gnu</c>).</param>
public sealed record TargetModel(string Target, HeaderModel Model)
{
    /// <summary>What a per-architecture name ends with: the triple's architecture (<c>x86_64</c>, <c>aarch64</c>).</summary>
    public string Suffix => Target.Split('-')[0];
}

/// <summary>A type or constant whose layout or value is not the same for every target.</summary>
/// <param name="Detail">Each target's differing listing lines (sizes, offsets, values), for the warning.</param>
public sealed record ArchDifference(string Name, string SourceFile, string Detail);

/// <summary>
/// One IL assembly serves every architecture, so a shared name of the Native layer must mean the same bytes on each:
/// the targets' models are compared member by member (the API listing's lines: sizes, alignments, field offsets and
/// shapes, enum and constant types and values). A difference nobody reviewed is a build warning (an error where
/// warnings are errors); a reviewed one (<c>--arch-specific NAME</c>) is emitted once per architecture as
/// <c>NAME_x86_64</c>, <c>NAME_aarch64</c>, for the layer above to choose at run time.
/// </summary>
public static class ArchComparison
{
    /// <summary>A type or constant differs between the targets and is not listed with --arch-specific.</summary>
    public const string UnreviewedDifference = "IOUHG003";

    /// <summary>An --arch-specific name that is the same on every target (or not in the headers).</summary>
    public const string StaleArchSpecific = "IOUHG004";

    public static IReadOnlyList<ArchDifference> Compare(IReadOnlyList<TargetModel> targets)
    {
        var differences = new List<ArchDifference>();
        if (targets.Count < 2)
        {
            return differences;
        }

        List<Dictionary<string, (string Source, List<string> Lines)>> described = targets.Select(t => Describe(t.Model)).ToList();
        IEnumerable<string> names = described.SelectMany(d => d.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (string name in names)
        {
            List<List<string>?> lines = described.Select(d => d.TryGetValue(name, out var v) ? v.Lines : null).ToList();
            if (lines.All(l => l is not null && l.SequenceEqual(lines[0]!)))
            {
                continue;
            }

            // Only the lines that are not on every target, each under its target, so the warning shows what moved.
            HashSet<string> common = lines.Aggregate((HashSet<string>?)null, (acc, l) =>
            {
                var set = new HashSet<string>(l ?? [], StringComparer.Ordinal);
                acc?.IntersectWith(set);
                return acc ?? set;
            })!;
            string detail = string.Join("; ", targets.Select((t, i) => lines[i] is null
                ? $"{t.Suffix}: absent"
                : $"{t.Suffix}: {string.Join(", ", lines[i]!.Where(l => !common.Contains(l)).DefaultIfEmpty("(member order)"))}"));
            string source = described.Select(d => d.TryGetValue(name, out var v) ? v.Source : null).First(s => s is not null)!;
            differences.Add(new ArchDifference(name, source, detail));
        }

        return differences;
    }

    /// <summary>IOUHG003 for each difference not listed with --arch-specific, IOUHG004 for each listed name that does not differ.</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<ArchDifference> differences, GeneratorOptions options)
    {
        var warnings = new List<string>();
        if (options.Targets.Count < 2)
        {
            return warnings;
        }

        var reviewed = new HashSet<string>(options.ArchSpecific, StringComparer.Ordinal);
        foreach (ArchDifference difference in differences.Where(d => !reviewed.Contains(d.Name)))
        {
            warnings.Add($"{Locate(difference.SourceFile, options)}: warning {UnreviewedDifference}: {difference.Name} differs between the architectures "
                + $"({difference.Detail}); one assembly serves all of them, so it cannot be emitted once. Review it, then list it with "
                + "--arch-specific in generator/IoUring.HeaderGen/io_uring.rsp: it is then emitted once per architecture (docs/native-layer.md)");
        }

        var differing = new HashSet<string>(differences.Select(d => d.Name), StringComparer.Ordinal);
        foreach (string name in options.ArchSpecific.Where(n => !differing.Contains(n)).Distinct())
        {
            warnings.Add($"io_uring.rsp: warning {StaleArchSpecific}: --arch-specific {name} names nothing that differs between "
                + $"{string.Join(" and ", options.Targets)}; remove the line");
        }

        return warnings;
    }

    /// <summary>
    /// The primary model with every reviewed difference replaced by one declaration per target, renamed with the
    /// target's suffix, at the primary's place (a name only some targets have is emitted for those).
    /// </summary>
    public static HeaderModel Split(IReadOnlyList<TargetModel> targets, IReadOnlyList<ArchDifference> differences, IReadOnlyCollection<string> archSpecific)
    {
        HeaderModel primary = targets[0].Model;
        var split = new HashSet<string>(differences.Select(d => d.Name).Where(archSpecific.Contains), StringComparer.Ordinal);
        if (split.Count == 0)
        {
            return primary;
        }

        var types = new List<TypeDecl>();
        var constants = new List<ConstantDecl>();
        var emitted = new HashSet<string>(StringComparer.Ordinal);
        foreach (TypeDecl type in primary.Types)
        {
            if (!split.Contains(type.Name))
            {
                types.Add(Rename(type, split, null));
                continue;
            }

            emitted.Add(type.Name);
            foreach (TargetModel target in targets)
            {
                TypeDecl? own = target.Model.Types.FirstOrDefault(t => t.Name == type.Name);
                if (own is not null)
                {
                    types.Add(Rename(own, split, target.Suffix));
                }
            }
        }

        foreach (ConstantDecl constant in primary.Constants)
        {
            if (!split.Contains(constant.Name))
            {
                constants.Add(constant);
                continue;
            }

            emitted.Add(constant.Name);
            foreach (TargetModel target in targets)
            {
                ConstantDecl? own = target.Model.Constants.FirstOrDefault(c => c.Name == constant.Name);
                if (own is not null)
                {
                    constants.Add(Rename(own, target.Suffix));
                }
            }
        }

        // Names the primary target does not have at all: after the rest, per target.
        foreach (TargetModel target in targets.Skip(1))
        {
            types.AddRange(target.Model.Types.Where(t => split.Contains(t.Name) && !emitted.Contains(t.Name)).Select(t => Rename(t, split, target.Suffix)));
            constants.AddRange(target.Model.Constants.Where(c => split.Contains(c.Name) && !emitted.Contains(c.Name))
                .Select(c => Rename(c, target.Suffix)));
        }

        return primary with { Types = types, Constants = constants };
    }

    // A per-architecture record is named NAME_suffix, and a field whose type is itself per-architecture (a record
    // containing epoll_event) names that type's variant of the same architecture. A shared record never has such a
    // field: its own layout would then differ too, and it would be listed as well.
    private static TypeDecl Rename(TypeDecl type, HashSet<string> split, string? suffix) => type switch
    {
        RecordDecl record when suffix is not null => record with
        {
            Name = record.Name + "_" + suffix,
            SourceFile = $"{record.SourceFile} ({suffix} layout)",
            Fields = record.Fields.Select(f => split.Contains(f.Type) ? f with { Type = f.Type + "_" + suffix } : f).ToList(),
        },
        EnumDecl enumeration when suffix is not null => enumeration with { Name = enumeration.Name + "_" + suffix, SourceFile = $"{enumeration.SourceFile} ({suffix})" },
        _ => type,
    };

    private static ConstantDecl Rename(ConstantDecl constant, string suffix) =>
        constant with { Name = constant.Name + "_" + suffix, SourceFile = $"{constant.SourceFile} ({suffix} value)" };

    private static Dictionary<string, (string Source, List<string> Lines)> Describe(HeaderModel model)
    {
        var map = new Dictionary<string, (string, List<string>)>(StringComparer.Ordinal);
        foreach (TypeDecl type in model.Types)
        {
            map[type.Name] = (type.SourceFile, ApiListing.Lines(type).ToList());
        }

        foreach (ConstantDecl constant in model.Constants)
        {
            map[constant.Name] = (constant.SourceFile, [ApiListing.Line(constant)]);
        }

        return map;
    }

    private static string Locate(string relative, GeneratorOptions options)
        => options.Targets.SelectMany(t => options.ForTarget(t).IncludeDirectories).Select(d => Path.Combine(d, relative))
            .Where(File.Exists).Select(Path.GetFullPath).FirstOrDefault() ?? relative;
}
