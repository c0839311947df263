namespace IoUring.SourceGen.Model;

/// <summary>One register-table row as read from its attribute.</summary>
/// <param name="Opcode">The io_uring_register_op member name.</param>
/// <param name="MethodName">The generated method's name.</param>
/// <param name="Shape">How the typed parameters map to arg and nr_args.</param>
/// <param name="ArgumentType">The fully qualified argument (element) type, or null.</param>
/// <param name="ArgumentCategory">What kind of type <paramref name="ArgumentType"/> is.</param>
/// <param name="InOut">The kernel writes back into the argument.</param>
/// <param name="AllowsNoRing">Ring fd -1 is accepted.</param>
/// <param name="Result">What a non-negative result means.</param>
/// <param name="Count">Exact (FixedArray) or maximum (PointerWithCount) element count.</param>
/// <param name="ParameterName">The argument parameter's name.</param>
/// <param name="CountParameterName">The count parameter's name.</param>
/// <param name="Since">The Linux version that added the opcode.</param>
/// <param name="Summary">One sentence describing the opcode.</param>
/// <param name="Location">The attribute, for diagnostics.</param>
internal sealed record RegisterRow(
    string Opcode,
    string MethodName,
    ArgShape Shape,
    string? ArgumentType,
    TypeCategory ArgumentCategory,
    bool InOut,
    bool AllowsNoRing,
    ResultKind Result,
    int Count,
    string ParameterName,
    string CountParameterName,
    string Since,
    string Summary,
    LocationInfo? Location);

/// <summary>A register-table row resolved against the compilation's io_uring_register_op.</summary>
internal sealed record RegisterMethod(RegisterRow Row, ulong OpcodeValue);

/// <summary>An explicit "no method for this opcode" row.</summary>
internal sealed record SkipRow(string Opcode, string Reason, LocationInfo? Location);

/// <summary>One member of the compilation's io_uring_register_op.</summary>
internal sealed record EnumMemberInfo(string Name, ulong Value);

/// <summary>The compilation's io_uring_register_op, or <see cref="Found"/> false.</summary>
internal sealed record RegisterOpEnum(bool Found, EquatableArray<EnumMemberInfo> Members);

/// <summary>Everything the register file and its coverage check need.</summary>
internal sealed record RegisterModel(EquatableArray<RegisterMethod> Methods, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One typed io_uring_enter(2) overload.</summary>
internal sealed record EnterRow(EnterArgKind Kind, string Since, string Summary, LocationInfo? Location);

/// <summary>The register rows of one table class, with the class name's location (where a missing row belongs).</summary>
internal sealed record RegisterTableSlice(EquatableArray<RegisterRow> Rows, LocationInfo? TableLocation);

/// <summary>The enter overloads to emit and the diagnostics found while checking them.</summary>
internal sealed record EnterModel(EquatableArray<EnterRow> Rows, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The Native layer as data: every integer constant and enum member, the enum names, and the structs' sizes and fields.</summary>
internal sealed record NativeLayer(EquatableArray<NativeConstant> Constants, EquatableArray<string> Enums, EquatableArray<NativeStruct> Structs)
{
    public static readonly NativeLayer Empty = new(EquatableArray<NativeConstant>.Empty, EquatableArray<string>.Empty, EquatableArray<NativeStruct>.Empty);
}

/// <summary>
/// A struct or union of the Native layer: its C size in bytes, its field names in listing order, and each field's
/// C# shape as the listing writes it (<c>uint</c>, <c>fixed byte[3]</c>...), <paramref name="Shapes"/>[i] for <paramref name="Fields"/>[i].
/// </summary>
internal sealed record NativeStruct(string Name, long Size, EquatableArray<string> Fields, EquatableArray<string> Shapes);
