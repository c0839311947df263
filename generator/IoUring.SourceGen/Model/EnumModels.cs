namespace IoUring.SourceGen.Model;

/// <summary>One generated-enum row as read from its attribute.</summary>
internal sealed record EnumSpec(
    string Name,
    string Summary,
    EquatableArray<string> Prefixes,
    EquatableArray<string> Include,
    string? FromEnum,
    bool IsFlags,
    string? UnderlyingType,
    string? Since,
    LocationInfo? Location);

/// <summary>A PascalCase override for a word or a whole C name.</summary>
internal sealed record NameOverride(string CName, string PascalName);

/// <summary>An integer constant of the Native layer: a <c>Constants</c> field or a member of a Native enum.</summary>
/// <param name="Name">The C name.</param>
/// <param name="Type">The C# keyword of its type (for an enum member, the enum's underlying type).</param>
/// <param name="Value">Its value, as the 64-bit pattern.</param>
/// <param name="IsNegative">The value is negative.</param>
/// <param name="Enum">The containing Native enum, or null for a <c>Constants</c> field.</param>
internal sealed record NativeConstant(string Name, string Type, ulong Value, bool IsNegative, string? Enum);

/// <summary>A member of a generated enum; with <paramref name="AliasOf"/>, an [Obsolete] former name of that member.</summary>
internal sealed record EnumMemberModel(string Name, NativeConstant Source, string? AliasOf = null);

/// <summary>A generated enum ready to emit.</summary>
internal sealed record EnumModel(string Name, string Summary, bool IsFlags, string UnderlyingType, string? Since, EquatableArray<EnumMemberModel> Members);

/// <summary>All generated enums and the diagnostics found while building them.</summary>
internal sealed record EnumsModel(EquatableArray<EnumModel> Enums, EquatableArray<DiagnosticInfo> Diagnostics);
