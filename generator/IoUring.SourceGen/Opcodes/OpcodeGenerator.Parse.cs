using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IoUring.SourceGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IoUring.SourceGen.Opcodes;

// Parse: symbols → equatable models, and the checks that need only models. Pure functions.
public sealed partial class OpcodeGenerator
{
    internal const string OpcodeEnumName = "io_uring_op";
    internal const string SqeName = "io_uring_sqe";

    /// <summary>The pseudo-slot that selects a provided-buffer group (IOSQE_BUFFER_SELECT plus buf_group).</summary>
    internal const string BufferSelect = "buffer_select";

    /// <summary>Reads the builder, field and skip rows written on one table declaration.</summary>
    internal static OpcodeTableSlice ParseTable(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var builders = new List<BuilderRow>();
        var fields = new List<FieldRow>();
        var skips = new List<OpcodeSkipRow>();
        foreach (AttributeData attribute in context.TargetSymbol.GetAttributes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            SyntaxReference? applied = attribute.ApplicationSyntaxReference;
            if (applied is null || applied.SyntaxTree != context.TargetNode.SyntaxTree || !context.TargetNode.Span.Contains(applied.Span))
            {
                continue; // another partial declaration of the table reports its own rows
            }

            ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
            if (args.Any(a => a.Kind == TypedConstantKind.Error))
            {
                continue; // the compiler already reports the broken attribute
            }

            var named = attribute.NamedArguments.ToDictionary(p => p.Key, p => p.Value);
            LocationInfo? location = LocationInfo.From(applied.GetSyntax(cancellationToken));
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case OpcodeAttributeSource.Builder when args.Length == 4:
                    builders.Add(new BuilderRow(
                        Name: (string)args[0].Value!,
                        Opcode: (string)args[1].Value!,
                        Since: (string)args[2].Value!,
                        Summary: (string)args[3].Value!,
                        Man: Text(named, "Man"),
                        Safety: Text(named, "Safety"),
                        Remarks: Text(named, "Remarks"),
                        Rust: Text(named, "Rust"),
                        Liburing: Text(named, "Liburing"),
                        Entry128: named.TryGetValue("Entry128", out TypedConstant big) && big.Value is true,
                        StartFd: named.TryGetValue("StartFd", out TypedConstant fd) && fd.Value is int start ? start : -1,
                        Set: named.TryGetValue("Set", out TypedConstant set) && !set.IsNull
                            ? set.Values.Select(v => v.Value as string).Where(s => s is not null).Select(s => s!).ToEquatableArray()
                            : EquatableArray<string>.Empty,
                        Encode: Text(named, "Encode"),
                        CustomBuild: named.TryGetValue("CustomBuild", out TypedConstant custom) && custom.Value is true,
                        Location: location));
                    break;
                case OpcodeAttributeSource.Field when args.Length == 4 && args[2].Value is ITypeSymbol type:
                    string name = (string)args[1].Value!;
                    (FieldKind kind, bool nullable) = Classify(type);
                    fields.Add(new FieldRow(
                        Builder: (string)args[0].Value!,
                        Name: name,
                        Type: TypeName(type),
                        Kind: kind,
                        IsNullable: nullable,
                        IsPointer: type.TypeKind == TypeKind.Pointer,
                        Summary: (string)args[3].Value!,
                        Required: named.TryGetValue("Required", out TypedConstant required) && required.Value is true,
                        Parameter: Text(named, "Parameter") ?? CamelCase(name),
                        Slot: Text(named, "Slot"),
                        Value: Text(named, "Value"),
                        Remarks: Text(named, "Remarks"),
                        IsText: named.TryGetValue("Text", out TypedConstant isText) && isText.Value is true,
                        SpanLength: Text(named, "SpanLength"),
                        IsReadOnly: named.TryGetValue("ReadOnly", out TypedConstant readOnly) && readOnly.Value is true,
                        Location: location));
                    break;
                case OpcodeAttributeSource.Skip when args.Length == 2:
                    skips.Add(new OpcodeSkipRow((string)args[0].Value!, (string)args[1].Value!, location));
                    break;
            }
        }

        return new OpcodeTableSlice(builders.ToEquatableArray(), fields.ToEquatableArray(), skips.ToEquatableArray(), LocationInfo.OfTable(context));
    }

    /// <summary>Picks io_uring_op's members and io_uring_sqe's fields (with their C# types) out of the Native layer.</summary>
    internal static OpcodeNative ReadNative(NativeLayer layer)
    {
        NativeStruct? sqe = layer.Structs.FirstOrDefault(s => s.Name == SqeName);
        if (!layer.Enums.Contains(OpcodeEnumName) || sqe is null)
        {
            return new OpcodeNative(false, EquatableArray<EnumMemberInfo>.Empty, EquatableArray<SqeSlot>.Empty);
        }

        var members = layer.Constants.Where(c => c.Enum == OpcodeEnumName)
            .Select(c => new EnumMemberInfo(c.Name, c.Value))
            .ToEquatableArray();
        var slots = sqe.Fields.Select((name, i) => new SqeSlot(name, sqe.Shapes[i]))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToEquatableArray();
        return new OpcodeNative(true, members, slots);
    }

    /// <summary>Resolves the rows: unknown opcodes and slots, duplicates, orphans, and io_uring_op members left without a row.</summary>
    internal static OpcodeModel BuildModel(ImmutableArray<OpcodeTableSlice> slices, OpcodeNative native)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (slices.IsDefaultOrEmpty)
        {
            return new OpcodeModel(EquatableArray<BuilderModel>.Empty, EquatableArray<DiagnosticInfo>.Empty);
        }

        LocationInfo? table = slices.Select(s => s.TableLocation).OrderBy(l => l, LocationOrder.Instance).FirstOrDefault();
        if (!native.Found)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OpcodeEnumMissing, table));
            return new OpcodeModel(EquatableArray<BuilderModel>.Empty, diagnostics.ToEquatableArray());
        }

        var opcodes = native.Opcodes.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
        var slots = native.Slots.ToDictionary(s => s.Name, s => s, StringComparer.Ordinal);
        BuilderRow[] builders = slices.SelectMany(s => s.Builders).OrderBy(b => b.Location, LocationOrder.Instance).ToArray();
        FieldRow[] fields = slices.SelectMany(s => s.Fields).OrderBy(f => f.Location, LocationOrder.Instance).ToArray();
        OpcodeSkipRow[] skips = slices.SelectMany(s => s.Skips).OrderBy(s => s.Location, LocationOrder.Instance).ToArray();

        var covered = new HashSet<string>(StringComparer.Ordinal);
        var byName = new Dictionary<string, BuilderRow>(StringComparer.Ordinal);
        foreach (BuilderRow row in builders)
        {
            if (!opcodes.ContainsKey(row.Opcode))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOpcode, row.Location, row.Opcode));
            }
            else if (byName.ContainsKey(row.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadOpcodeRow, row.Location, $"builder {row.Name} has two rows"));
            }
            else
            {
                byName.Add(row.Name, row);
                covered.Add(row.Opcode);
            }
        }

        var fieldsOf = byName.Keys.ToDictionary(n => n, _ => new List<FieldRow>(), StringComparer.Ordinal);
        foreach (FieldRow field in fields)
        {
            if (!fieldsOf.TryGetValue(field.Builder, out List<FieldRow>? list))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadOpcodeRow, field.Location, $"field {field.Name} names builder {field.Builder}, which has no row"));
            }
            else if (list.Any(f => f.Name == field.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadOpcodeRow, field.Location, $"field {field.Builder}.{field.Name} has two rows"));
            }
            else
            {
                list.Add(field);
            }
        }

        var models = new List<BuilderModel>();
        foreach (BuilderRow row in byName.Values)
        {
            List<FieldRow> own = fieldsOf[row.Name];
            var slotTypes = new List<SqeSlot>();
            bool valid = true;
            if (row.Encode is null && !row.CustomBuild)
            {
                foreach (FieldRow field in own)
                {
                    string? slot = SlotName(field.Slot);
                    if (slot is null || (field.Kind == FieldKind.Other && field.Value is null))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FieldWithoutSlot, field.Location, row.Name, field.Name));
                        valid = false;
                    }
                    else if (slot != BufferSelect && !slots.ContainsKey(slot))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSqeSlot, field.Location, row.Name, field.Name, slot));
                        valid = false;
                    }
                }

                foreach (string assignment in row.Set)
                {
                    string slot = SlotName(assignment.Split('=')[0].Trim()) ?? string.Empty;
                    if (!slots.ContainsKey(slot))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownSqeSlot, row.Location, row.Name, "Set", slot));
                        valid = false;
                    }
                }

                slotTypes.AddRange(own.Select(f => SlotName(f.Slot)).Concat(row.Set.Select(s => SlotName(s.Split('=')[0].Trim())))
                    .Where(s => s is not null && slots.ContainsKey(s)).Distinct().Select(s => slots[s!]));
            }

            if (valid)
            {
                models.Add(new BuilderModel(row, own.ToEquatableArray(), slotTypes.ToEquatableArray()));
            }
        }

        foreach (OpcodeSkipRow skip in skips)
        {
            if (!opcodes.ContainsKey(skip.Opcode))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownOpcode, skip.Location, skip.Opcode));
            }
            else if (!covered.Add(skip.Opcode))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadOpcodeRow, skip.Location, $"{skip.Opcode} has a builder and a skip"));
            }
        }

        foreach (EnumMemberInfo member in native.Opcodes.OrderBy(m => m.Value).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            // IORING_OP_LAST counts the opcodes; it is no operation.
            if (!member.Name.EndsWith("_LAST", StringComparison.Ordinal) && !covered.Contains(member.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingOpcodeRow, table, member.Name,
                    member.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return new OpcodeModel(models.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>The io_uring_sqe field of a slot, without its "|" (OR) suffix.</summary>
    internal static string? SlotName(string? slot) => slot?.Trim().TrimEnd('|').Trim();

    private static (FieldKind Kind, bool Nullable) Classify(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return (Classify(nullable.TypeArguments[0]).Kind, true);
        }

        if (type.TypeKind == TypeKind.Pointer)
        {
            return (FieldKind.Pointer, false);
        }

        string name = type.ToDisplayString();
        if (name == "IoUring.Interop.FileTarget")
        {
            return (FieldKind.FileTarget, false);
        }

        if (name == "IoUring.Interop.DestinationSlot")
        {
            return (FieldKind.DestinationSlot, false);
        }

        // An enum the other generator writes from the Native constants (TimeoutFlags...) is not in this compilation yet.
        bool integral = type.TypeKind is TypeKind.Enum or TypeKind.Error || type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Int64 or SpecialType.System_UInt64;
        return (integral ? FieldKind.Value : FieldKind.Other, false);
    }

    /// <summary>The type as the generated code writes it; a generated enum (not bound yet) by its simple name, which resolves from IoUring.Interop.Opcodes.</summary>
    private static string TypeName(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => type.Name,
        INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable when nullable.TypeArguments[0].TypeKind == TypeKind.Error
            => nullable.TypeArguments[0].Name + "?",
        _ => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
    };

    private static string? Text(Dictionary<string, TypedConstant> named, string name)
        => named.TryGetValue(name, out TypedConstant value) ? value.Value as string : null;

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
