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
            lines.AddRange(Lines(type));
        }

        lines.AddRange(model.Constants.Select(Line));
        lines.AddRange(model.Skipped.Select(s => $"skipped {s.Name} : {s.Reason}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Concat(lines.Select(l => l + "\n"));
    }

    /// <summary>A type's lines: its size and alignment and each field's shape and offset, or its underlying type and members.</summary>
    public static IEnumerable<string> Lines(TypeDecl type)
    {
        switch (type)
        {
            case RecordDecl record:
                string kind = record.IsUnion ? "union" : "struct";
                yield return $"{kind} {record.Name} : size {record.Size}, align {record.Alignment}";
                foreach (FieldDecl f in record.Fields)
                {
                    yield return $"{kind} {record.Name}.{f.Name} : {Shape(f)} @ {f.Offset}";
                }

                break;
            case EnumDecl enumeration:
                yield return $"enum {enumeration.Name} : {enumeration.UnderlyingType}";
                foreach (EnumMember m in enumeration.Members)
                {
                    yield return $"enum {enumeration.Name}.{m.Name} = {m.Value}";
                }

                break;
        }
    }

    /// <summary>A constant's line: its C# type and value.</summary>
    public static string Line(ConstantDecl c) => $"const {c.Name} : {c.Type} = {c.Value}";

    private static string Shape(FieldDecl field) => field.Shape switch
    {
        FieldShape.FixedBuffer => $"fixed {field.Type}[{field.Count}]",
        FieldShape.InlineArray => $"{field.Type}[{field.Count}] inline",
        FieldShape.Flexible => $"Span<{field.Type}> flexible",
        _ => field.Type,
    };
}
