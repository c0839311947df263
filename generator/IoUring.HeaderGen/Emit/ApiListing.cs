using System;
using System.Collections.Generic;
using System.Linq;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen.Emit;

/// <summary>
/// A sorted, one-line-per-member listing of the generated API (types, fields with offsets, enum
/// members and constants with values), committed so that a header bump is reviewable as a diff.
/// </summary>
public static class ApiListing
{
    public static string Write(HeaderModel model)
    {
        var lines = new List<string>();
        foreach (TypeDecl type in model.Types)
        {
            switch (type)
            {
                case RecordDecl record:
                    string kind = record.IsUnion ? "union" : "struct";
                    lines.Add($"{kind} {record.Name} : size {record.Size}, align {record.Alignment}");
                    lines.AddRange(record.Fields.Select(f => $"{kind} {record.Name}.{f.Name} : {Shape(f)} @ {f.Offset}"));
                    break;
                case EnumDecl enumeration:
                    lines.Add($"enum {enumeration.Name} : {enumeration.UnderlyingType}");
                    lines.AddRange(enumeration.Members.Select(m => $"enum {enumeration.Name}.{m.Name} = {m.Value}"));
                    break;
            }
        }

        lines.AddRange(model.Constants.Select(c => $"const {c.Name} : {c.Type} = {c.Value}"));
        lines.AddRange(model.Skipped.Select(s => $"skipped {s.Name} : {s.Reason}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Concat(lines.Select(l => l + "\n"));
    }

    private static string Shape(FieldDecl field) => field.Shape switch
    {
        FieldShape.FixedBuffer => $"fixed {field.Type}[{field.Count}]",
        FieldShape.InlineArray => $"{field.Type}[{field.Count}] inline",
        FieldShape.Flexible => $"Span<{field.Type}> flexible",
        _ => field.Type,
    };
}
