using System.Collections.Generic;

namespace IoUring.HeaderGen.Model;

// Plain data produced by the parse and consumed by the emitter: no clang handle survives in here.

/// <summary>A header the parse read, relative to its include folder, with the SHA-256 of its bytes.</summary>
public sealed record InputFile(string Path, string Sha256);

/// <summary>How a field is laid out in C#.</summary>
public enum FieldShape
{
    /// <summary>A single value of <see cref="FieldDecl.Type"/>.</summary>
    Scalar,

    /// <summary>A primitive fixed-size array, emitted as a <c>fixed</c> buffer.</summary>
    FixedBuffer,

    /// <summary>A fixed-size array of non-primitive elements, emitted as an <c>[InlineArray]</c> type.</summary>
    InlineArray,

    /// <summary>A flexible or zero-length array: no storage, a span accessor at the offset.</summary>
    Flexible,
}

/// <summary>One (possibly flattened) field: <paramref name="Type"/> is the C# element type, <paramref name="CType"/> the C spelling.</summary>
public sealed record FieldDecl(string Name, long Offset, string Type, FieldShape Shape, long Count, string CType);

/// <summary>A struct, union, enum or generated helper type of the Native layer.</summary>
public abstract record TypeDecl(string Name, string SourceFile);

/// <summary>A struct or union with clang's size, alignment and field offsets (bytes).</summary>
public sealed record RecordDecl(string Name, string CName, bool IsUnion, long Size, long Alignment, IReadOnlyList<FieldDecl> Fields, string SourceFile)
    : TypeDecl(Name, SourceFile);

/// <summary>One member of a named enum; <paramref name="Value"/> is already in C# literal form.</summary>
public sealed record EnumMember(string Name, string Value);

/// <summary>A named C enum with clang's underlying integer type.</summary>
public sealed record EnumDecl(string Name, string UnderlyingType, IReadOnlyList<EnumMember> Members, string SourceFile)
    : TypeDecl(Name, SourceFile);

/// <summary>An integer macro or anonymous-enum member, typed and valued by clang.</summary>
public sealed record ConstantDecl(string Name, string Type, string Value, string SourceFile, string Origin);

/// <summary>A macro that is not an integer constant (include guard, function-like, string...), kept for the report.</summary>
/// <param name="Line">Its line in <paramref name="SourceFile"/> (1-based), so a build warning can point at it.</param>
public sealed record SkippedMacro(string Name, string Reason, string SourceFile, uint Line);

/// <summary>Everything the emitter needs to write Native.g.cs.</summary>
public sealed record HeaderModel(
    IReadOnlyList<InputFile> Inputs,
    string PackageVersion,
    IReadOnlyList<TypeDecl> Types,
    IReadOnlyList<ConstantDecl> Constants,
    IReadOnlyList<SkippedMacro> Skipped);
