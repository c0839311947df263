using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen.Tests.Infrastructure;

/// <summary>
/// Compares compiled C# (read by reflection) with gcc's answers for the same headers: every record's
/// size, alignment and field offsets, every constant's and enum member's type and value. The model
/// only says which names to ask about; the facts on both sides come from the two compilers.
/// </summary>
internal static class Oracle
{
    public sealed record Report(int Records, int Fields, int Constants, int EnumMembers, IReadOnlyList<string> Mismatches);

    /// <param name="compiler">The oracle: <see cref="Gcc.Native"/>, or <see cref="Gcc.Aarch64"/> with the arm64 model and include folders.</param>
    /// <param name="suffix">
    /// Where a name is emitted per architecture (<c>NAME_aarch64</c>, docs/native-layer.md), the C# member checked for
    /// this compiler's answers is <c>NAME_suffix</c>; null when the model is the emitted one.
    /// </param>
    public static Report Check(
        HeaderModel model, Assembly assembly, string ns, IEnumerable<string> includeDirectories, IEnumerable<string> headers,
        string compiler = Gcc.Native, string? suffix = null)
    {
        var prologue = new StringBuilder();
        foreach (string header in headers)
        {
            prologue.Append(CultureInfo.InvariantCulture, $"#include <{header}>\n");
        }

        var rows = new List<Gcc.Row>();
        Dictionary<string, string> cTypes = CTypeExpressions(model);
        foreach (RecordDecl record in model.Types.OfType<RecordDecl>())
        {
            string t = cTypes[record.Name];
            rows.Add(new("S " + record.Name, [$"sizeof({t})", $"_Alignof({t})"]));
            foreach (FieldDecl field in record.Fields)
            {
                string size = field.Shape == FieldShape.Flexible ? "0" : $"sizeof((({t} *)0)->{field.Name})";
                rows.Add(new($"F {record.Name}.{field.Name}", [$"__builtin_offsetof({t}, {field.Name})", size]));
            }
        }

        foreach (EnumDecl enumeration in model.Types.OfType<EnumDecl>())
        {
            rows.Add(new("E " + enumeration.Name, [$"((enum {enumeration.Name})-1) < 0", $"sizeof(enum {enumeration.Name})"]));
            foreach (EnumMember member in enumeration.Members)
            {
                rows.Add(ValueRow(enumeration.Name + "." + member.Name, member.Name));
            }
        }

        foreach (ConstantDecl constant in model.Constants)
        {
            rows.Add(ValueRow("Constants." + constant.Name, constant.Name));
        }

        // The answers in the form the checks read: sizes and offsets as unsigned decimals; a value row as
        // [signed?, size, value as unsigned, value as signed].
        Dictionary<string, string[]> gcc = Gcc.Evaluate(compiler, prologue.ToString(), rows, includeDirectories)
            .ToDictionary(
                a => a.Key,
                a => a.Key.StartsWith("C ", StringComparison.Ordinal)
                    ? [a.Value[0].ToString(CultureInfo.InvariantCulture), a.Value[1].ToString(CultureInfo.InvariantCulture),
                       a.Value[2].ToString(CultureInfo.InvariantCulture), unchecked((long)a.Value[2]).ToString(CultureInfo.InvariantCulture)]
                    : a.Value.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray(),
                StringComparer.Ordinal);

        var mismatches = new List<string>();
        int fields = 0;
        foreach (RecordDecl record in model.Types.OfType<RecordDecl>())
        {
            fields += CheckRecord(record, FindType(assembly, ns, record.Name, suffix), gcc, mismatches);
        }

        int members = 0;
        foreach (EnumDecl enumeration in model.Types.OfType<EnumDecl>())
        {
            members += CheckEnum(enumeration, FindType(assembly, ns, enumeration.Name, suffix), gcc, mismatches);
        }

        Type? constants = assembly.GetType(ns + ".Constants");
        foreach (ConstantDecl constant in model.Constants)
        {
            FieldInfo? field = constants?.GetField(constant.Name, BindingFlags.Public | BindingFlags.Static)
                ?? (suffix is null ? null : constants?.GetField(constant.Name + "_" + suffix, BindingFlags.Public | BindingFlags.Static));
            if (field is null || !field.IsLiteral)
            {
                mismatches.Add($"Constants.{constant.Name}: no C# const");
                continue;
            }

            string[] c = gcc["C Constants." + constant.Name];
            Type type = field.FieldType;
            if ((c[0] == "1") != IsSigned(type) || long.Parse(c[1], CultureInfo.InvariantCulture) != SizeOf(type))
            {
                mismatches.Add($"Constants.{constant.Name}: C# {type.Name}, gcc {(c[0] == "1" ? "signed" : "unsigned")} {c[1]} bytes");
            }

            CompareValue("Constants." + constant.Name, field.GetRawConstantValue()!, c, mismatches);
        }

        return new Report(model.Types.OfType<RecordDecl>().Count(), fields, model.Constants.Count, members, mismatches);
    }

    // The shared type, or where the Native layer has it per architecture, this architecture's variant.
    private static Type? FindType(Assembly assembly, string ns, string name, string? suffix) =>
        assembly.GetType(ns + "." + name) ?? (suffix is null ? null : assembly.GetType(ns + "." + name + "_" + suffix));

    /// <summary>A C type expression per record: its tag, or for a named field of anonymous type, <c>__typeof__</c> of that field.</summary>
    public static Dictionary<string, string> CTypeExpressions(HeaderModel model)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (RecordDecl record in model.Types.OfType<RecordDecl>())
        {
            if (!record.CName.Contains('<'))
            {
                map[record.Name] = record.CName;
            }

            if (!map.TryGetValue(record.Name, out string? self))
            {
                continue;
            }

            foreach (FieldDecl field in record.Fields.Where(f => f.Shape == FieldShape.Scalar))
            {
                if (model.Types.OfType<RecordDecl>().Any(r => r.Name == field.Type && r.CName.Contains('<')))
                {
                    map[field.Type] = $"__typeof__((({self} *)0)->{field.Name})";
                }
            }
        }

        return map;
    }

    private static Gcc.Row ValueRow(string key, string cName) =>
        new("C " + key, [$"((__typeof__({cName}))-1) < 0", $"sizeof({cName})", cName]);

    private static int CheckRecord(RecordDecl record, Type? type, Dictionary<string, string[]> gcc, List<string> mismatches)
    {
        string[] s = gcc["S " + record.Name];
        long size = long.Parse(s[0], CultureInfo.InvariantCulture);
        long align = long.Parse(s[1], CultureInfo.InvariantCulture);
        if (type is null)
        {
            mismatches.Add($"{record.Name}: no C# type");
            return 0;
        }

        int csSize = SizeOf(type);
        if (csSize != size || type.StructLayoutAttribute?.Size != size)
        {
            mismatches.Add($"{record.Name}: sizeof C# {csSize} (StructLayout.Size {type.StructLayoutAttribute?.Size}), gcc {size}");
        }

        if (record.Alignment != align)
        {
            mismatches.Add($"{record.Name}: alignment clang {record.Alignment}, gcc {align}");
        }

        // The model (this architecture's clang parse) as well as the compiled C#: the model of a target that is not
        // emitted is only ever compared with the emitted one, so it must be right on its own too.
        if (record.Size != size)
        {
            mismatches.Add($"{record.Name}: size clang {record.Size}, gcc {size}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (FieldDecl field in record.Fields)
        {
            string[] f = gcc[$"F {record.Name}.{field.Name}"];
            long offset = long.Parse(f[0], CultureInfo.InvariantCulture);
            long fieldSize = long.Parse(f[1], CultureInfo.InvariantCulture);
            string where = $"{record.Name}.{field.Name}";
            seen.Add(field.Name);
            if (field.Offset != offset)
            {
                mismatches.Add($"{where}: offset clang {field.Offset}, gcc {offset}");
            }

            if (field.Shape == FieldShape.Flexible)
            {
                MethodInfo? accessor = type.GetMethod(field.Name, [typeof(int)]);
                if (accessor is null || accessor.ReturnType.Name != "Span`1" || ClrName(accessor.ReturnType.GetGenericArguments()[0]) != field.Type)
                {
                    mismatches.Add($"{where}: no Span<{field.Type}> {field.Name}(int) accessor");
                }

                if (field.Offset != offset)
                {
                    mismatches.Add($"{where}: flexible array at {field.Offset}, gcc {offset}");
                }

                continue;
            }

            FieldInfo? info = type.GetField(field.Name, BindingFlags.Public | BindingFlags.Instance);
            if (info is null)
            {
                mismatches.Add($"{where}: no C# field");
                continue;
            }

            int? csOffset = info.GetCustomAttribute<FieldOffsetAttribute>()?.Value;
            if (csOffset != offset)
            {
                mismatches.Add($"{where}: offset C# {csOffset}, gcc {offset}");
            }

            FixedBufferAttribute? fixedBuffer = info.GetCustomAttribute<FixedBufferAttribute>();
            long csFieldSize = fixedBuffer is null ? SizeOf(info.FieldType) : fixedBuffer.Length * SizeOf(fixedBuffer.ElementType);
            if (csFieldSize != fieldSize)
            {
                mismatches.Add($"{where}: size C# {csFieldSize}, gcc {fieldSize}");
            }
        }

        foreach (FieldInfo extra in type.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => !seen.Contains(f.Name)))
        {
            mismatches.Add($"{record.Name}.{extra.Name}: C# field with no C counterpart");
        }

        return record.Fields.Count;
    }

    private static int CheckEnum(EnumDecl enumeration, Type? type, Dictionary<string, string[]> gcc, List<string> mismatches)
    {
        if (type is null || !type.IsEnum)
        {
            mismatches.Add($"{enumeration.Name}: no C# enum");
            return 0;
        }

        string[] e = gcc["E " + enumeration.Name];
        Type underlying = Enum.GetUnderlyingType(type);
        if ((e[0] == "1") != IsSigned(underlying) || long.Parse(e[1], CultureInfo.InvariantCulture) != SizeOf(underlying))
        {
            mismatches.Add($"{enumeration.Name}: underlying C# {underlying.Name}, gcc {(e[0] == "1" ? "signed" : "unsigned")} {e[1]} bytes");
        }

        foreach (EnumMember member in enumeration.Members)
        {
            FieldInfo? field = type.GetField(member.Name, BindingFlags.Public | BindingFlags.Static);
            if (field is null)
            {
                mismatches.Add($"{enumeration.Name}.{member.Name}: no C# member");
                continue;
            }

            CompareValue($"{enumeration.Name}.{member.Name}", field.GetRawConstantValue()!, gcc[$"C {enumeration.Name}.{member.Name}"], mismatches);
        }

        return enumeration.Members.Count;
    }

    private static void CompareValue(string where, object value, string[] c, List<string> mismatches)
    {
        bool same = IsSigned(value.GetType())
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture) == long.Parse(c[3], CultureInfo.InvariantCulture)
            : Convert.ToUInt64(value, CultureInfo.InvariantCulture) == ulong.Parse(c[2], CultureInfo.InvariantCulture);
        if (!same)
        {
            mismatches.Add($"{where}: C# {value}, gcc {c[2]} / {c[3]}");
        }
    }

    private static string ClrName(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Byte => "byte",
        TypeCode.SByte => "sbyte",
        TypeCode.Int16 => "short",
        TypeCode.UInt16 => "ushort",
        TypeCode.Int32 => "int",
        TypeCode.UInt32 => "uint",
        TypeCode.Int64 => "long",
        TypeCode.UInt64 => "ulong",
        _ => type.Name,
    };

    private static bool IsSigned(Type type) => type == typeof(sbyte) || type == typeof(short) || type == typeof(int) || type == typeof(long);

    /// <summary>Unsafe.SizeOf for a runtime type (what the CLR really lays out).</summary>
    public static int SizeOf(Type type) => type.IsPointer ? IntPtr.Size :
        (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
}
