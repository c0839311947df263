using IoUring.SourceGen.Model;

namespace IoUring.SourceGen.Opcodes;

/// <summary>One builder row as read from its attribute.</summary>
internal sealed record BuilderRow(
    string Name,
    string Opcode,
    string Since,
    string Summary,
    string? Man,
    string? Safety,
    string? Remarks,
    string? Rust,
    string? Liburing,
    bool Entry128,
    int StartFd,
    EquatableArray<string> Set,
    string? Encode,
    bool CustomBuild,
    LocationInfo? Location);

/// <summary>How the generator treats a field's type when it writes the field to its slot.</summary>
internal enum FieldKind
{
    /// <summary>An integer, enum or other value: converted to the slot's type.</summary>
    Value,

    /// <summary>A pointer: its address.</summary>
    Pointer,

    /// <summary>A <c>FileTarget</c>: the entry starts on it (fd plus IOSQE_FIXED_FILE).</summary>
    FileTarget,

    /// <summary>A <c>DestinationSlot</c>: its 1-based file_index.</summary>
    DestinationSlot,

    /// <summary>Anything else (bool, structs): only through <c>Value</c>, an encoder or hand code.</summary>
    Other,
}

/// <summary>One field row as read from its attribute.</summary>
/// <param name="Builder">The builder's name.</param>
/// <param name="Name">The property name.</param>
/// <param name="Type">The fully qualified type as written in C#.</param>
/// <param name="Kind">What the type is, for the slot assignment.</param>
/// <param name="IsNullable">The type is a <c>Nullable&lt;T&gt;</c>: the slot is written only when it has a value.</param>
/// <param name="IsPointer">The type is a pointer (the builder is unsafe).</param>
/// <param name="Summary">Its doc sentence.</param>
/// <param name="Required">A constructor argument.</param>
/// <param name="Parameter">The constructor parameter's name.</param>
/// <param name="Slot">The io_uring_sqe field, with an optional "|" suffix, or null.</param>
/// <param name="Value">The slot value expression, or null for the plain conversion.</param>
/// <param name="Remarks">Its remarks, or null.</param>
/// <param name="IsText">A NUL-terminated string the builder also takes as a NativePath.</param>
/// <param name="SpanLength">The required field holding this buffer's length, when the builder also takes a span; or null.</param>
/// <param name="IsReadOnly">The span form takes a ReadOnlySpan.</param>
/// <param name="Location">The attribute, for diagnostics.</param>
internal sealed record FieldRow(
    string Builder,
    string Name,
    string Type,
    FieldKind Kind,
    bool IsNullable,
    bool IsPointer,
    string Summary,
    bool Required,
    string Parameter,
    string? Slot,
    string? Value,
    string? Remarks,
    bool IsText,
    string? SpanLength,
    bool IsReadOnly,
    LocationInfo? Location);

/// <summary>An explicit "no builder for this opcode" row.</summary>
internal sealed record OpcodeSkipRow(string Opcode, string Reason, LocationInfo? Location);

/// <summary>The rows of one table declaration, with the class name's location (where a missing row belongs).</summary>
internal sealed record OpcodeTableSlice(
    EquatableArray<BuilderRow> Builders,
    EquatableArray<FieldRow> Fields,
    EquatableArray<OpcodeSkipRow> Skips,
    LocationInfo? TableLocation);

/// <summary>A field of io_uring_sqe: its name and the C# keyword of its type.</summary>
internal sealed record SqeSlot(string Name, string Type);

/// <summary>What the table is checked against: the io_uring_op members and the io_uring_sqe fields.</summary>
internal sealed record OpcodeNative(bool Found, EquatableArray<EnumMemberInfo> Opcodes, EquatableArray<SqeSlot> Slots);

/// <summary>A builder ready to emit: its row, its fields in row order, and each slotted field's slot type.</summary>
internal sealed record BuilderModel(BuilderRow Row, EquatableArray<FieldRow> Fields, EquatableArray<SqeSlot> SlotTypes);

/// <summary>Every builder to emit and the diagnostics found while resolving the table.</summary>
internal sealed record OpcodeModel(EquatableArray<BuilderModel> Builders, EquatableArray<DiagnosticInfo> Diagnostics);
