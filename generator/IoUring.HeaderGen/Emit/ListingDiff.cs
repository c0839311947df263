using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace IoUring.HeaderGen.Emit;

/// <summary>
/// Compares two API listings (<see cref="ApiListing"/>): what a new header adds, removes and changes, grouped by kind
/// (register ops, opcodes, each flag family, enums, structs, sizes, fields, skipped macros), each kind with the
/// maintainer's next action. <c>headers/update.sh --check</c> prints it before anything is replaced.
/// </summary>
public static class ListingDiff
{
    private sealed record Entry(string Kind, string Key, string Text);

    public static string Report(string oldListing, string newListing)
    {
        Dictionary<string, Entry> before = Parse(oldListing);
        Dictionary<string, Entry> after = Parse(newListing);
        var changes = new List<(string Kind, char Sign, string Line)>();

        // The fields of a struct that comes or goes as a whole are not listed again.
        static bool OfWholeStruct(Entry e, Dictionary<string, Entry> other)
            => e.Kind.StartsWith("fields of ", StringComparison.Ordinal)
            && !other.Keys.Any(k => k.EndsWith(" " + e.Kind["fields of ".Length..], StringComparison.Ordinal));

        foreach (Entry added in after.Values.Where(e => !before.ContainsKey(e.Key) && !OfWholeStruct(e, before)))
        {
            changes.Add((added.Kind, '+', added.Text));
        }

        foreach (Entry removed in before.Values.Where(e => !after.ContainsKey(e.Key) && !OfWholeStruct(e, after)))
        {
            changes.Add((removed.Kind, '-', removed.Text));
        }

        foreach (Entry changed in after.Values.Where(e => before.TryGetValue(e.Key, out Entry? old) && old.Text != e.Text))
        {
            changes.Add((changed.Kind == "structs" ? "sizes" : changed.Kind, '~', before[changed.Key].Text + "  ->  " + changed.Text));
        }

        if (changes.Count == 0)
        {
            return "No change: the new header declares exactly what the vendored one does.\n";
        }

        var report = new StringBuilder();
        foreach (IGrouping<string, (string Kind, char Sign, string Line)> kind in changes.GroupBy(c => c.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            report.Append(kind.Key).Append(" (").Append(kind.Count()).Append(")\n");
            foreach ((string _, char sign, string line) in kind.OrderBy(c => c.Line, StringComparer.Ordinal))
            {
                report.Append("  ").Append(sign).Append(' ').Append(line).Append('\n');
            }

            report.Append("  next: ").Append(NextAction(kind.Key, kind.Any(c => c.Sign == '-'))).Append('\n');
            foreach (string rename in Renames(kind.ToList()))
            {
                report.Append("  renamed? ").Append(rename).Append('\n');
            }
        }

        return report.ToString();
    }

    private static Dictionary<string, Entry> Parse(string listing)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (string line in listing.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0))
        {
            int space = line.IndexOf(' ');
            string word = line[..space];
            string rest = line[(space + 1)..];
            int end = rest.IndexOfAny([' ']);
            string name = end < 0 ? rest : rest[..end];
            string kind = word switch
            {
                "const" => "flags " + Family(name),
                "enum" when !name.Contains('.') => "enums",
                "enum" when name.StartsWith("io_uring_register_op.", StringComparison.Ordinal) => "register ops",
                "enum" when name.StartsWith("io_uring_op.", StringComparison.Ordinal) => "opcodes",
                "enum" => "enum " + name[..name.IndexOf('.')],
                "struct" or "union" when !name.Contains('.') => "structs",
                "struct" or "union" => "fields of " + name[..name.IndexOf('.')],
                "skipped" => "skipped macros",
                _ => "other",
            };
            entries[word + " " + name] = new Entry(kind, word + " " + name, line);
        }

        return entries;
    }

    /// <summary>The flag family of a constant: IORING_SETUP_SQPOLL → IORING_SETUP_, IO_URING_QUERY_ZCRX → IO_URING_QUERY_, IOSQE_ASYNC → IOSQE_.</summary>
    public static string Family(string name)
    {
        string[] words = name.TrimStart('_').Split('_');
        int take = name.TrimStart('_').StartsWith("IO_URING_", StringComparison.Ordinal) ? 3
            : words[0] is "IORING" or "IOU" ? 2
            : 1;
        return words.Length <= take ? name : string.Join("_", words.Take(take)) + "_";
    }

    private static string NextAction(string kind, bool removes)
    {
        string action = kind switch
        {
            "register ops" => "add a [RegisterOp] row (or a [RegisterOpSkip] reason) in src/IoUring.Interop/Native/RegisterTable.cs; the build names each with IOU004",
            "opcodes" => "the Opcode enum gains them by itself; add a builder row to the opcode table (the build names a missing one)",
            "flags IORING_SETUP_" => "generated: SetupFlags, RingBuilder.Setup<Name>() and RingParameters.IsSetup<Name>; write a handwritten setter if the flag needs a field or a rule (RingGeometry)",
            "flags IORING_FEAT_" => "generated: Features and RingParameters.IsFeature<Name>; give it a handwritten property with docs when it matters",
            "enums" => "a new Native enum: generate it ([GeneratedEnum] FromEnum) or review it ([Reviewed] row); the build names its members with IOU010",
            "structs" => "new structs are generated; if the kernel checks one's size, add a [KernelCheckedStruct] row in src/IoUring.Interop/Native/ReviewTable.cs",
            "sizes" => "for a struct in a [KernelCheckedStruct] row the build says IOU012 with the calls that pass it: review them, then update the row",
            "skipped macros" => "the build warns IOUHG001 for each: bind it by hand if needed, then add --reviewed-skip to generator/IoUring.HeaderGen/io_uring.rsp",
            _ when kind.StartsWith("fields of ", StringComparison.Ordinal) => "the build says IOU013 for a struct whose fields a [KernelCheckedStruct] row lists: set or report the field, then list it",
            _ when kind.StartsWith("enum ", StringComparison.Ordinal) => "a reviewed sub-enum: the build says IOU011 for each new member; support it where the group is used, then list it",
            _ => "a [GeneratedEnum] prefix makes it a public enum member by itself; otherwise the build names it (IOU010 new family, IOU011 new member of a reviewed group)",
        };
        return removes
            ? action + "; a removed or renamed member of a generated public enum breaks users: add an [EnumAlias] row for its shipped name"
            : action;
    }

    // A removal and an addition with the same value in one kind is most likely a rename.
    private static IEnumerable<string> Renames(List<(string Kind, char Sign, string Line)> changes)
    {
        static string Value(string line) => line.Contains(" = ", StringComparison.Ordinal) ? line[(line.LastIndexOf(" = ", StringComparison.Ordinal) + 3)..] : "";
        foreach ((string _, char _, string removed) in changes.Where(c => c.Sign == '-'))
        {
            foreach ((string _, char _, string added) in changes.Where(c => c.Sign == '+' && Value(c.Line) == Value(removed) && Value(removed).Length > 0))
            {
                yield return $"{removed}  =>  {added}";
            }
        }
    }
}
