using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using IoUring.SourceGen.Model;
using IoUring.SourceGen.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IoUring.SourceGen;

// Parse: symbols → equatable models, and the checks that need only models. Pure functions.
public sealed partial class IoUringGenerator
{
    internal const string NativeNamespace = "IoUring.Interop.Native";
    internal const string RegisterOpEnumName = "io_uring_register_op";

    internal static RegisterTableSlice ParseRegisterRows(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var rows = new List<RegisterRow>();
        foreach (AttributeData attribute in context.Attributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RegisterRow? row = ParseRegisterRow(attribute, cancellationToken);
            if (row is not null)
            {
                rows.Add(row);
            }
        }

        return new RegisterTableSlice(rows.ToEquatableArray(), LocationInfo.OfTable(context));
    }

    private static RegisterRow? ParseRegisterRow(AttributeData attribute, CancellationToken cancellationToken)
    {
        ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
        if (args.Length is not (4 or 5) || args.Any(a => a.Kind == TypedConstantKind.Error))
        {
            return null; // the compiler already reports the broken attribute
        }

        bool typed = args.Length == 5;
        if (args[0].Value is not string opcode || args[1].Value is not int shape
            || args[typed ? 3 : 2].Value is not string since || args[typed ? 4 : 3].Value is not string summary)
        {
            return null;
        }

        ITypeSymbol? argumentType = typed ? args[2].Value as ITypeSymbol : null;
        var named = attribute.NamedArguments.ToDictionary(p => p.Key, p => p.Value.Value);
        var argShape = (ArgShape)shape;
        return new RegisterRow(
            Opcode: opcode,
            MethodName: Named<string>(named, "MethodName") ?? MethodNameFor(opcode),
            Shape: argShape,
            ArgumentType: argumentType?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            ArgumentCategory: Categorize(argumentType),
            InOut: Named<bool>(named, "InOut"),
            AllowsNoRing: Named<bool>(named, "AllowsNoRing"),
            Result: (ResultKind)Named<int>(named, "Result"),
            Count: Named<int>(named, "Count"),
            ParameterName: Named<string>(named, "ParameterName") ?? DefaultParameterName(argShape),
            CountParameterName: Named<string>(named, "CountParameterName") ?? "count",
            Since: since,
            Summary: summary,
            Location: AttributeLocation(attribute, cancellationToken));
    }

    internal static EquatableArray<SkipRow> ParseSkips(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var skips = new List<SkipRow>();
        foreach (AttributeData attribute in context.Attributes)
        {
            ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
            if (args.Length == 2 && args[0].Value is string opcode && args[1].Value is string reason)
            {
                skips.Add(new SkipRow(opcode, reason, AttributeLocation(attribute, cancellationToken)));
            }
        }

        return skips.ToEquatableArray();
    }

    internal static EquatableArray<EnterRow> ParseEnterRows(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var rows = new List<EnterRow>();
        foreach (AttributeData attribute in context.Attributes)
        {
            ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
            if (args.Length == 3 && args[0].Value is int kind && args[1].Value is string since && args[2].Value is string summary)
            {
                rows.Add(new EnterRow((EnterArgKind)kind, since, summary, AttributeLocation(attribute, cancellationToken)));
            }
        }

        return rows.ToEquatableArray();
    }

    internal static EquatableArray<EnumSpec> ParseEnumSpecs(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var specs = new List<EnumSpec>();
        foreach (AttributeData attribute in context.Attributes)
        {
            ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
            if (args.Length != 3 || args[0].Value is not string name || args[1].Value is not string summary || args[2].Kind != TypedConstantKind.Array)
            {
                continue;
            }

            var named = attribute.NamedArguments.ToDictionary(p => p.Key, p => p.Value);
            specs.Add(new EnumSpec(
                Name: name,
                Summary: summary,
                Prefixes: Strings(args[2]),
                Include: named.TryGetValue("Include", out TypedConstant include) ? Strings(include) : EquatableArray<string>.Empty,
                FromEnum: named.TryGetValue("FromEnum", out TypedConstant fromEnum) ? fromEnum.Value as string : null,
                IsFlags: !named.TryGetValue("IsFlags", out TypedConstant isFlags) || isFlags.Value is not false,
                UnderlyingType: named.TryGetValue("UnderlyingType", out TypedConstant underlying) && underlying.Value is ITypeSymbol type
                    ? type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                    : null,
                Since: named.TryGetValue("Since", out TypedConstant enumSince) ? enumSince.Value as string : null,
                Location: AttributeLocation(attribute, cancellationToken)));
        }

        return specs.ToEquatableArray();
    }

    internal static EquatableArray<NameOverride> ParseNameOverrides(GeneratorAttributeSyntaxContext context)
    {
        var overrides = new List<NameOverride>();
        foreach (AttributeData attribute in context.Attributes)
        {
            ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
            if (args.Length == 2 && args[0].Value is string cName && args[1].Value is string pascal)
            {
                overrides.Add(new NameOverride(cName, pascal));
            }
        }

        return overrides.ToEquatableArray();
    }

    /// <summary>Resolves the rows against io_uring_register_op: unknown names, duplicates, and members left without a row.</summary>
    internal static RegisterModel BuildRegisterModel(ImmutableArray<RegisterTableSlice> slices, ImmutableArray<EquatableArray<SkipRow>> skipGroups, NativeLayer native)
    {
        var diagnostics = new List<DiagnosticInfo>();
        RegisterRow[] rows = slices.SelectMany(s => s.Rows).OrderBy(r => r.Location, LocationOrder.Instance).ToArray();
        SkipRow[] skips = skipGroups.SelectMany(s => s).OrderBy(s => s.Location, LocationOrder.Instance).ToArray();
        LocationInfo? table = slices.Select(s => s.TableLocation).OrderBy(l => l, LocationOrder.Instance).FirstOrDefault();
        if (rows.Length == 0 && skips.Length == 0)
        {
            return new RegisterModel(EquatableArray<RegisterMethod>.Empty, EquatableArray<DiagnosticInfo>.Empty);
        }

        if (!native.Enums.Contains(RegisterOpEnumName))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RegisterOpEnumMissing, table));
            return new RegisterModel(EquatableArray<RegisterMethod>.Empty, diagnostics.ToEquatableArray());
        }

        var members = native.Constants.Where(c => c.Enum == RegisterOpEnumName).ToDictionary(c => c.Name, c => c.Value);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var methodNames = new HashSet<string>(StringComparer.Ordinal);
        var methods = new List<RegisterMethod>();
        foreach (RegisterRow row in rows)
        {
            if (!members.TryGetValue(row.Opcode, out ulong value))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstant, row.Location, row.Opcode, RegisterOpEnumName));
                continue;
            }

            string? duplicate = covered.Contains(row.Opcode) ? row.Opcode : methodNames.Contains(row.MethodName) ? row.MethodName : null;
            if (duplicate is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRow, row.Location, duplicate));
                continue;
            }

            covered.Add(row.Opcode);
            methodNames.Add(row.MethodName);

            string? misfit = ShapeMisfit(row);
            if (misfit is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ShapeMismatch, row.Location, row.Opcode, row.Shape.ToString(), misfit));
                continue;
            }

            methods.Add(new RegisterMethod(row, value));
        }

        foreach (SkipRow skip in skips)
        {
            if (!members.ContainsKey(skip.Opcode))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstant, skip.Location, skip.Opcode, RegisterOpEnumName));
            }
            else if (!covered.Add(skip.Opcode))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRow, skip.Location, skip.Opcode));
            }
        }

        foreach (NativeConstant member in native.Constants.Where(c => c.Enum == RegisterOpEnumName).OrderBy(c => c.Value).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            if (!covered.Contains(member.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingRegisterRow, table, member.Name, member.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        RegisterMethod[] ordered = methods.OrderBy(m => m.OpcodeValue).ThenBy(m => m.Row.MethodName, StringComparer.Ordinal).ToArray();
        return new RegisterModel(ordered.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    internal static EnterModel BuildEnterModel(ImmutableArray<EquatableArray<EnterRow>> groups)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var seen = new HashSet<EnterArgKind>();
        var rows = new List<EnterRow>();
        foreach (EnterRow row in groups.SelectMany(g => g).OrderBy(r => r.Location, LocationOrder.Instance))
        {
            if (!seen.Add(row.Kind))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRow, row.Location, "EnterOverload(" + row.Kind + ")"));
                continue;
            }

            rows.Add(row);
        }

        return new EnterModel(rows.OrderBy(r => r.Kind).ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>Gathers each enum's members from the Native constants by prefix (or from one Native enum).</summary>
    internal static EnumsModel BuildEnumsModel(
        ImmutableArray<EquatableArray<EnumSpec>> specGroups,
        ImmutableArray<EquatableArray<NameOverride>> overrideGroups,
        ImmutableArray<EquatableArray<EnumAlias>> aliasGroups,
        NativeLayer native)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (NameOverride o in overrideGroups.SelectMany(g => g))
        {
            overrides[o.CName] = o.PascalName;
        }

        var byName = new Dictionary<string, NativeConstant>(StringComparer.Ordinal);
        foreach (NativeConstant constant in native.Constants)
        {
            byName[constant.Name] = constant;
        }

        var enums = new List<EnumModel>();
        var enumNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (EnumSpec spec in specGroups.SelectMany(g => g).OrderBy(s => s.Location, LocationOrder.Instance))
        {
            if (!enumNames.Add(spec.Name))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateRow, spec.Location, spec.Name));
                continue;
            }

            if (spec.FromEnum is not null && !native.Enums.Contains(spec.FromEnum))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstant, spec.Location, spec.FromEnum, NativeNamespace));
                continue;
            }

            var members = new List<EnumMemberModel>();
            var memberNames = new HashSet<string>(StringComparer.Ordinal);
            void AddMember(NativeConstant source, string rest)
            {
                string name = PascalCase.Convert(source.Name, rest, overrides);
                string? problem = !PascalCase.IsIdentifier(name) ? "is not a valid identifier"
                    : !memberNames.Add(name) ? "collides with another member"
                    : null;
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadMemberName, spec.Location, spec.Name, name, source.Name, problem));
                    return;
                }

                members.Add(new EnumMemberModel(name, source));
            }

            IEnumerable<NativeConstant> candidates = native.Constants
                .Where(c => spec.FromEnum is null || c.Enum == spec.FromEnum)
                .OrderBy(c => c.IsNegative ? 0 : 1).ThenBy(c => c.Value).ThenBy(c => c.Name, StringComparer.Ordinal);
            foreach (NativeConstant constant in candidates)
            {
                string? prefix = spec.Prefixes.Where(p => constant.Name.StartsWith(p, StringComparison.Ordinal)).OrderByDescending(p => p.Length).FirstOrDefault();
                if (prefix is not null && BelongsToGroup(constant, spec.IsFlags))
                {
                    AddMember(constant, constant.Name.Substring(prefix.Length));
                }
            }

            foreach (string included in spec.Include)
            {
                if (!byName.TryGetValue(included, out NativeConstant? constant))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstant, spec.Location, included, NativeNamespace + ".Constants"));
                    continue;
                }

                AddMember(constant, included.StartsWith("IORING_", StringComparison.Ordinal) ? included.Substring("IORING_".Length) : included);
            }

            // A shipped name the header renamed stays, as an [Obsolete] alias of the member its constant now makes.
            foreach (EnumAlias alias in aliasGroups.SelectMany(g => g).Where(a => a.EnumName == spec.Name).OrderBy(a => a.Location, LocationOrder.Instance))
            {
                EnumMemberModel? target = members.FirstOrDefault(m => m.AliasOf is null && m.Source.Name == alias.Constant);
                if (target is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownConstant, alias.Location, alias.Constant, spec.Name));
                }
                else if (!memberNames.Add(alias.OldName))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadMemberName, alias.Location, spec.Name, alias.OldName, alias.Constant, "collides with another member"));
                }
                else
                {
                    members.Add(new EnumMemberModel(alias.OldName, target.Source, target.Name));
                }
            }

            EnumMemberModel[] ordered = members
                .OrderBy(m => m.Source.IsNegative ? 0 : 1).ThenBy(m => m.Source.Value).ThenBy(m => m.AliasOf is null ? 0 : 1).ThenBy(m => m.Name, StringComparer.Ordinal)
                .ToArray();
            string underlying = spec.UnderlyingType ?? CommonType(ordered.Select(m => m.Source));
            enums.Add(new EnumModel(spec.Name, spec.Summary, spec.IsFlags, underlying, spec.Since, ordered.ToEquatableArray()));
        }

        return new EnumsModel(enums.OrderBy(e => e.Name, StringComparer.Ordinal).ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    // Sentinels, bit numbers, shifts and masks are not members; in a [Flags] enum only single bits are.
    private static bool BelongsToGroup(NativeConstant constant, bool isFlags)
    {
        string name = constant.Name;
        if (name.StartsWith("__", StringComparison.Ordinal) || name.EndsWith("_LAST", StringComparison.Ordinal)
            || name.EndsWith("_MASK", StringComparison.Ordinal) || name.EndsWith("_BIT", StringComparison.Ordinal)
            || name.EndsWith("_SHIFT", StringComparison.Ordinal))
        {
            return false;
        }

        return !isFlags || (!constant.IsNegative && constant.Value != 0 && (constant.Value & (constant.Value - 1)) == 0);
    }

    private static string CommonType(IEnumerable<NativeConstant> members)
    {
        string[] types = members.Select(m => m.Type).Distinct().ToArray();
        if (types.Length == 1)
        {
            return types[0];
        }

        bool negative = members.Any(m => m.IsNegative);
        return types.Contains("ulong") ? "ulong" : types.Contains("long") ? "long" : negative ? "int" : "uint";
    }

    /// <summary>Why <paramref name="row"/>'s shape cannot take its argument type, or null when it fits.</summary>
    internal static string? ShapeMisfit(RegisterRow row)
    {
        TypeCategory type = row.ArgumentCategory;
        switch (row.Shape)
        {
            case ArgShape.None:
            case ArgShape.Value:
                if (type != TypeCategory.Absent)
                {
                    return "takes no argument type, but " + row.ArgumentType + " was given";
                }

                break;
            case ArgShape.Bytes:
                if (type != TypeCategory.Absent && row.ArgumentType != "byte")
                {
                    return "passes bytes, but " + row.ArgumentType + " was given";
                }

                break;
            case ArgShape.Struct:
            case ArgShape.StructSized:
            case ArgShape.StructNrZero:
            case ArgShape.StructWithCount:
            case ArgShape.PointerWithCount:
                if (type != TypeCategory.Struct)
                {
                    return "needs an unmanaged struct argument type, but " + (row.ArgumentType ?? "none") + " was given";
                }

                break;
            case ArgShape.Array:
            case ArgShape.FixedArray:
                if (type is not (TypeCategory.Struct or TypeCategory.Integer))
                {
                    return "needs an unmanaged element type, but " + (row.ArgumentType ?? "none") + " was given";
                }

                break;
            default:
                return "is not a known shape";
        }

        if (row.Shape is ArgShape.FixedArray or ArgShape.PointerWithCount && row.Count <= 0)
        {
            return "needs Count > 0";
        }

        if (row.InOut && row.Shape is ArgShape.None or ArgShape.Value or ArgShape.Bytes or ArgShape.StructSized or ArgShape.StructWithCount)
        {
            return "cannot be InOut";
        }

        return null;
    }

    internal static string MethodNameFor(string opcode)
    {
        string words = opcode.StartsWith("IORING_", StringComparison.Ordinal) ? opcode.Substring("IORING_".Length) : opcode;
        return PascalCase.Convert(opcode, words, new Dictionary<string, string>());
    }

    private static string DefaultParameterName(ArgShape shape) => shape switch
    {
        ArgShape.Array => "items",
        ArgShape.Bytes => "bytes",
        ArgShape.Value => "value",
        ArgShape.FixedArray => "values",
        _ => "arg",
    };

    private static TypeCategory Categorize(ITypeSymbol? type)
    {
        if (type is null)
        {
            return TypeCategory.Absent;
        }

        if (IsInteger(type))
        {
            return TypeCategory.Integer;
        }

        return type.TypeKind == TypeKind.Struct && type.IsUnmanagedType && type.SpecialType == SpecialType.None
            ? TypeCategory.Struct
            : TypeCategory.Other;
    }

    private static bool IsInteger(ITypeSymbol type) => type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64;

    private static void AddConstant(List<NativeConstant> constants, IFieldSymbol field, string type, string? enumName)
    {
        if (!field.HasConstantValue)
        {
            return;
        }

        (ulong bits, bool negative) = field.ConstantValue switch
        {
            sbyte v => ((ulong)(long)v, v < 0),
            short v => ((ulong)(long)v, v < 0),
            int v => ((ulong)(long)v, v < 0),
            long v => ((ulong)v, v < 0),
            byte v => (v, false),
            ushort v => (v, false),
            uint v => (v, false),
            ulong v => (v, false),
            _ => (0UL, false),
        };
        constants.Add(new NativeConstant(field.Name, type, bits, negative, enumName));
    }

    private static T? Named<T>(Dictionary<string, object?> named, string name)
        => named.TryGetValue(name, out object? value) && value is T typed ? typed : default;

    private static EquatableArray<string> Strings(TypedConstant array)
        => array.Kind == TypedConstantKind.Array && !array.IsNull
            ? array.Values.Select(v => v.Value as string).Where(s => s is not null).Select(s => s!).ToEquatableArray()
            : EquatableArray<string>.Empty;

    private static LocationInfo? AttributeLocation(AttributeData attribute, CancellationToken cancellationToken)
        => LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
}
