using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using IoUring.HeaderGen.Model;

namespace IoUring.HeaderGen.Clang;

/// <summary>A clang error in the headers: the tool fails with clang's own messages.</summary>
public sealed class HeaderParseException(string message) : Exception(message);

/// <summary>A macro defined in a primary header, as found by the first parse (evaluated by the second).</summary>
internal sealed record MacroCandidate(string Name, bool FunctionLike, string SourceFile, int HeaderIndex, uint Line);

/// <summary>
/// First parse: walks the translation unit of every primary header and turns the struct, union and
/// enum definitions found there (and every type they reference) into plain records, with clang's layout.
/// </summary>
internal sealed unsafe class HeaderParser
{
    private readonly HeaderSet headers;
    private readonly Dictionary<string, int> topLevelOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TypeDecl>> emitted = new(StringComparer.Ordinal);
    private readonly Queue<CXCursor> pending = new();
    private readonly HashSet<string> queued = new(StringComparer.Ordinal);

    private HeaderParser(HeaderSet headers) => this.headers = headers;

    public sealed record Result(
        IReadOnlyList<TypeDecl> Types,
        IReadOnlyList<(int Header, uint Line, ConstantDecl Constant)> EnumConstants,
        IReadOnlyList<MacroCandidate> Macros,
        IReadOnlyList<string> IncludedFiles,
        IReadOnlyList<ClangDiagnostic> Warnings);

    public static Result Parse(HeaderSet headers) => new HeaderParser(headers).Run();

    private Result Run()
    {
        using TranslationUnit tu = TranslationUnit.Parse(
            ClangArguments.MainFile,
            ClangArguments.IncludeAll(headers),
            ClangArguments.For(headers),
            Libclang.CXTranslationUnit_DetailedPreprocessingRecord | Libclang.CXTranslationUnit_SkipFunctionBodies);

        List<ClangDiagnostic> diagnostics = tu.Diagnostics();
        ThrowOnErrors(diagnostics);

        var enumConstants = new List<(int Header, uint Line, ConstantDecl Constant)>();
        var macros = new List<MacroCandidate>();
        List<CXCursor> topLevel = tu.Cursor.Children();

        for (int i = 0; i < topLevel.Count; i++)
        {
            CXCursor cursor = topLevel[i];
            CXCursorKind kind = cursor.Kind();
            if (IsTag(kind) && cursor.IsDefinition() && !cursor.IsAnonymous())
            {
                topLevelOrder.TryAdd(TagKey(cursor), i);
            }
        }

        foreach (CXCursor cursor in topLevel)
        {
            CXCursorKind kind = cursor.Kind();
            (string file, uint line) = cursor.Location();
            int headerIndex = headers.IndexOf(file);
            if (headerIndex < 0)
            {
                continue;
            }

            if (kind == CXCursorKind.MacroDefinition)
            {
                macros.Add(new MacroCandidate(
                    cursor.Spelling(), Libclang.clang_Cursor_isMacroFunctionLike(cursor) != 0, headers.Relative(file), headerIndex, line));
            }
            else if (kind == CXCursorKind.EnumDecl && cursor.IsDefinition() && cursor.IsAnonymous())
            {
                foreach (CXCursor member in cursor.Children().Where(c => c.Kind() == CXCursorKind.EnumConstantDecl))
                {
                    // C gives an enumerator the type int when its value fits, else the enum's type.
                    string type = PrimitiveName(member.Type().Canonical())
                        ?? throw new HeaderParseException($"enumerator {member.Spelling()} has no integer type");
                    enumConstants.Add((headerIndex, member.Location().Line,
                        new ConstantDecl(member.Spelling(), type, EnumValue(member, type), headers.Relative(file), "enum")));
                }
            }
            else if (IsTag(kind) && cursor.IsDefinition() && !cursor.IsAnonymous())
            {
                Enqueue(cursor);
            }
        }

        while (pending.Count > 0)
        {
            CXCursor cursor = pending.Dequeue();
            var group = new List<TypeDecl>();
            if (cursor.Kind() == CXCursorKind.EnumDecl)
            {
                group.Add(ParseEnum(cursor));
            }
            else
            {
                ParseRecord(cursor, cursor.Spelling(), cursor.Type().Canonical(), group);
            }

            emitted[TagKey(cursor)] = group;
        }

        List<TypeDecl> types = emitted
            .OrderBy(e => topLevelOrder.TryGetValue(e.Key, out int order) ? order : int.MaxValue)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .SelectMany(e => e.Value)
            .ToList();

        return new Result(
            types,
            enumConstants,
            macros,
            tu.IncludedFiles(),
            diagnostics.Where(d => d.Severity == CXDiagnosticSeverity.Warning).ToList());
    }

    internal static void ThrowOnErrors(IEnumerable<ClangDiagnostic> diagnostics)
    {
        List<string> errors = diagnostics
            .Where(d => d.Severity >= CXDiagnosticSeverity.Error)
            .Select(d => d.Formatted)
            .ToList();
        if (errors.Count > 0)
        {
            throw new HeaderParseException(string.Join("\n", errors));
        }
    }

    private static bool IsTag(CXCursorKind kind) =>
        kind is CXCursorKind.StructDecl or CXCursorKind.UnionDecl or CXCursorKind.EnumDecl;

    private static string TagKey(CXCursor cursor) => cursor.Kind() + " " + cursor.Spelling();

    private void Enqueue(CXCursor declaration)
    {
        if (queued.Add(TagKey(declaration)))
        {
            pending.Enqueue(declaration);
        }
    }

    private EnumDecl ParseEnum(CXCursor cursor)
    {
        string underlying = PrimitiveName(Libclang.clang_getEnumDeclIntegerType(cursor).Canonical())
            ?? throw new HeaderParseException($"enum {cursor.Spelling()} has no integer underlying type");
        List<EnumMember> members = cursor.Children()
            .Where(c => c.Kind() == CXCursorKind.EnumConstantDecl)
            .Select(c => new EnumMember(c.Spelling(), EnumValue(c, underlying)))
            .ToList();
        return new EnumDecl(cursor.Spelling(), underlying, members, headers.Relative(cursor.Location().File));
    }

    private static string EnumValue(CXCursor member, string csType) => IsUnsigned(csType)
        ? Libclang.clang_getEnumConstantDeclUnsignedValue(member).ToString(CultureInfo.InvariantCulture)
        : Libclang.clang_getEnumConstantDeclValue(member).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Adds the record and, after it, the helper types its named anonymous-type fields need
    /// (<c>struct { ... } socket;</c> becomes <c>parent_socket</c>).
    /// </summary>
    private void ParseRecord(CXCursor declaration, string name, CXType type, List<TypeDecl> group)
    {
        long size = Libclang.clang_Type_getSizeOf(type);
        long align = Libclang.clang_Type_getAlignOf(type);
        if (size < 0 || align < 0)
        {
            throw new HeaderParseException($"{name}: clang has no layout (error {size})");
        }

        var fields = new List<FieldDecl>();
        var helpers = new List<TypeDecl>();
        Flatten(declaration, type, name, fields, helpers);
        bool isUnion = declaration.Kind() == CXCursorKind.UnionDecl;
        string cName = (isUnion ? "union " : "struct ") + (declaration.IsAnonymous() ? "<anonymous>" : declaration.Spelling());
        group.Add(new RecordDecl(name, cName, isUnion, size, align, fields, headers.Relative(declaration.Location().File)));
        group.AddRange(helpers);
    }

    // Anonymous struct/union members are flattened: their fields are looked up by name in the
    // outer record with clang_Type_getOffsetOf, which walks anonymous members as C does.
    private void Flatten(CXCursor record, CXType outer, string outerName, List<FieldDecl> fields, List<TypeDecl> group)
    {
        foreach (CXCursor child in record.Children())
        {
            CXCursorKind kind = child.Kind();
            if (kind is CXCursorKind.StructDecl or CXCursorKind.UnionDecl)
            {
                if (child.IsAnonymousRecordDecl())
                {
                    Flatten(child, outer, outerName, fields, group);
                }

                continue;
            }

            if (kind != CXCursorKind.FieldDecl)
            {
                continue;
            }

            string name = child.Spelling();
            CXType declared = child.Type();
            CXType type = declared.Canonical();
            if (name.Length == 0 || (type.kind == CXTypeKind.Record && type.Declaration().IsAnonymousRecordDecl()))
            {
                continue;
            }

            if (Libclang.clang_Cursor_isBitField(child) != 0)
            {
                // Same "file:line:" shape as clang's own errors, so the maintainer lands on the declaration.
                (string file, uint line) = child.Location();
                throw new HeaderParseException(
                    $"{file}:{line}: error: {outerName}.{name} is a bit-field; C# has no bit-field layout, so the tool cannot place it "
                    + "(describe the struct's bits in the safe layer by hand, or leave the header out of io_uring.rsp)");
            }

            long offsetBits = Cursors.WithUtf8(name, p => Libclang.clang_Type_getOffsetOf(outer, p));
            if (offsetBits < 0 || offsetBits % 8 != 0)
            {
                throw new HeaderParseException($"{outerName}.{name}: no byte offset from clang ({offsetBits})");
            }

            FieldDecl? field = Field(child, name, offsetBits / 8, declared, type, outerName, group);
            if (field is not null)
            {
                fields.Add(field);
            }
        }
    }

    private FieldDecl? Field(CXCursor cursor, string name, long offset, CXType declared, CXType type, string outerName, List<TypeDecl> group)
    {
        string cType = declared.Spelling();
        if (type.kind is CXTypeKind.ConstantArray or CXTypeKind.IncompleteArray)
        {
            long count = type.kind == CXTypeKind.IncompleteArray ? 0 : Libclang.clang_getArraySize(type);
            CXType element = Libclang.clang_getArrayElementType(type).Canonical();
            while (element.kind == CXTypeKind.ConstantArray && count > 0)
            {
                // A C multi-dimensional array is one contiguous block: keep the total element count.
                count *= Libclang.clang_getArraySize(element);
                element = Libclang.clang_getArrayElementType(element).Canonical();
            }

            string elementName = TypeName(element, outerName + "_" + name, group);
            if (elementName.EndsWith('*'))
            {
                // Pointers cannot be generic arguments (Span<T>, inline arrays): array elements are nint.
                elementName = "nint";
            }

            if (count == 0)
            {
                return new FieldDecl(name, offset, elementName, FieldShape.Flexible, 0, cType);
            }

            FieldShape shape = IsFixedBufferType(elementName) ? FieldShape.FixedBuffer : FieldShape.InlineArray;
            return new FieldDecl(name, offset, elementName, shape, count, cType);
        }

        if (type.kind == CXTypeKind.Record && type.Declaration().IsAnonymous())
        {
            // __DECLARE_FLEX_ARRAY's empty placeholder struct: zero bytes, nothing to expose.
            if (Libclang.clang_Type_getSizeOf(type) == 0)
            {
                return null;
            }

            cType = outerName + "_" + name;
        }

        return new FieldDecl(name, offset, TypeName(type, outerName + "_" + name, group), FieldShape.Scalar, 1, cType);
    }

    /// <summary>The C# spelling of a canonical C type; queues named records and enums it references.</summary>
    private string TypeName(CXType type, string anonymousName, List<TypeDecl> group)
    {
        switch (type.kind)
        {
            case CXTypeKind.Pointer:
                CXType pointee = Libclang.clang_getPointeeType(type).Canonical();
                return pointee.kind is CXTypeKind.Void or CXTypeKind.FunctionProto or CXTypeKind.FunctionNoProto
                    ? "void*"
                    : TypeName(pointee, anonymousName, group) + "*";
            case CXTypeKind.Record:
                CXCursor record = type.Declaration();
                if (record.IsAnonymous())
                {
                    ParseRecord(record, anonymousName, type, group);
                    return anonymousName;
                }

                Enqueue(record);
                return record.Spelling();
            case CXTypeKind.Enum:
                CXCursor enumeration = type.Declaration();
                if (enumeration.IsAnonymous())
                {
                    return PrimitiveName(Libclang.clang_getEnumDeclIntegerType(enumeration).Canonical())!;
                }

                Enqueue(enumeration);
                return enumeration.Spelling();
            default:
                return PrimitiveName(type) ?? throw new HeaderParseException($"unsupported C type '{type.Spelling()}'");
        }
    }

    /// <summary>C# keyword for a canonical C arithmetic type on x86-64 (LP64), or null.</summary>
    internal static string? PrimitiveName(CXType type) => type.kind switch
    {
        CXTypeKind.Bool => "bool",
        CXTypeKind.Char_S or CXTypeKind.SChar => "sbyte",
        CXTypeKind.Char_U or CXTypeKind.UChar => "byte",
        CXTypeKind.Short => "short",
        CXTypeKind.UShort or CXTypeKind.Char16 => "ushort",
        CXTypeKind.Int or CXTypeKind.WChar => "int",
        CXTypeKind.UInt or CXTypeKind.Char32 => "uint",
        CXTypeKind.Long or CXTypeKind.LongLong => "long",
        CXTypeKind.ULong or CXTypeKind.ULongLong => "ulong",
        CXTypeKind.Int128 => "Int128",
        CXTypeKind.UInt128 => "UInt128",
        CXTypeKind.Float => "float",
        CXTypeKind.Double => "double",
        _ => null,
    };

    internal static bool IsUnsigned(string csType) => csType is "byte" or "ushort" or "uint" or "ulong" or "bool";

    private static bool IsFixedBufferType(string csType) =>
        csType is "bool" or "byte" or "sbyte" or "short" or "ushort" or "int" or "uint" or "long" or "ulong" or "float" or "double";
}
