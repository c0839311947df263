namespace IoUring.SourceGen.Model;

/// <summary>A [Reviewed] row: a C name prefix or a Native enum, with the members handled so far (empty: the group is skipped).</summary>
internal sealed record ReviewedGroup(string Group, string Reason, EquatableArray<string> Members, LocationInfo? Location);

/// <summary>A [KernelCheckedStruct] row.</summary>
internal sealed record KernelCheckedStruct(string Name, long Size, string Calls, EquatableArray<string> Fields, LocationInfo? Location);

/// <summary>An [EnumAlias] row.</summary>
internal sealed record EnumAlias(string EnumName, string OldName, string Constant, LocationInfo? Location);

/// <summary>The rows of one table class that say what of the header has been looked at.</summary>
internal sealed record ReviewSlice(EquatableArray<ReviewedGroup> Groups, EquatableArray<KernelCheckedStruct> Structs, LocationInfo? TableLocation);

/// <summary>A [GeneratedFlagMembers] row with what its class already declares by hand.</summary>
internal sealed record FlagMembersSpec(
    string Namespace,
    string ClassName,
    string EnumName,
    int Kind,
    string Prefix,
    string Field,
    EquatableArray<string> HandledElsewhere,
    EquatableArray<string> DeclaredMembers,
    LocationInfo? Location);

/// <summary>One generated flag member.</summary>
internal sealed record FlagMember(string Name, string EnumMember, string CName);

/// <summary>The generated members of one partial class.</summary>
internal sealed record FlagMembersClass(string Namespace, string ClassName, EquatableArray<FlagMembersBlock> Blocks);

/// <summary>The members one row generates.</summary>
internal sealed record FlagMembersBlock(string EnumName, string Underlying, int Kind, string Field, EquatableArray<FlagMember> Members);

/// <summary>Flag members to emit, and the diagnostics found while building them.</summary>
internal sealed record FlagMembersModel(EquatableArray<FlagMembersClass> Classes, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The diagnostics of the header review.</summary>
internal sealed record ReviewModel(EquatableArray<DiagnosticInfo> Diagnostics);
