using System;
using Microsoft.CodeAnalysis;

namespace IoUring.SourceGen;

/// <summary>Every diagnostic the generator reports (listed in AnalyzerReleases.Unshipped.md).</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "IoUring.SourceGen";

    /// <summary>A table row names a constant or enum member the Native layer does not have.</summary>
    public static readonly DiagnosticDescriptor UnknownConstant = new(
        id: "IOU001",
        title: "Table row names a constant that does not exist",
        messageFormat: "'{0}' is not a member of {1} in this compilation",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each row of the io_uring table names a member of the Native layer generated from the kernel header; this one is not there.");

    /// <summary>The argument shape of a register row does not fit its argument type.</summary>
    public static readonly DiagnosticDescriptor ShapeMismatch = new(
        id: "IOU002",
        title: "Argument shape does not fit the argument type",
        messageFormat: "Row {0}: shape {1} {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>Two rows describe the same thing.</summary>
    public static readonly DiagnosticDescriptor DuplicateRow = new(
        id: "IOU003",
        title: "Duplicate table row",
        messageFormat: "'{0}' already has a row in the table",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>An io_uring_register_op member has neither a row nor an explicit skip (the header grew).</summary>
    public static readonly DiagnosticDescriptor MissingRegisterRow = new(
        id: "IOU004",
        title: "io_uring_register opcode has no table row",
        messageFormat: "io_uring_register_op.{0} (= {1}) has no [RegisterOp] row and no [RegisterOpSkip] reason; add one to the register table",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "After the Native layer is regenerated from a newer kernel header, every new io_uring_register_op member needs a typed method or an explicit skip.");

    /// <summary>A generated enum member name is not a valid identifier or collides with another.</summary>
    public static readonly DiagnosticDescriptor BadMemberName = new(
        id: "IOU005",
        title: "Generated enum member name needs an override",
        messageFormat: "{0}.{1} (from {2}) {3}; add a [NameOverride]",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>The compilation has no io_uring_register_op enum, so the register table cannot be checked.</summary>
    public static readonly DiagnosticDescriptor RegisterOpEnumMissing = new(
        id: "IOU006",
        title: "io_uring_register_op not found",
        messageFormat: "The register table needs the enum IoUring.Interop.Native.io_uring_register_op, which this compilation does not have",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>A Native constant or enum member that no generated enum takes and no [Reviewed] row covers (a new flag family or enum).</summary>
    public static readonly DiagnosticDescriptor UntrackedConstant = new(
        id: "IOU010",
        title: "Header constant is neither generated nor reviewed",
        messageFormat: "{0} is in no [GeneratedEnum] and no [Reviewed] group: add a [GeneratedEnum] row for its prefix, or a [Reviewed] row saying who uses it (src/IoUring.Interop/Native/ReviewTable.cs)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "After a header bump, every constant and enum member of the Native layer is either generated into a public enum or looked at by hand.");

    /// <summary>A [Reviewed] group with listed members gained one (a new sub-enum member).</summary>
    public static readonly DiagnosticDescriptor NewReviewedMember = new(
        id: "IOU011",
        title: "A reviewed group has a new member",
        messageFormat: "{0}: {1} is new in the header; support it where the group is used ({2}), then list it in the [Reviewed] row",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    /// <summary>A struct whose size the kernel checks changed size.</summary>
    public static readonly DiagnosticDescriptor KernelCheckedSizeChanged = new(
        id: "IOU012",
        title: "A kernel-checked struct changed size",
        messageFormat: "{0} is {1} bytes in this header, {2} in the [KernelCheckedStruct] row: the kernel checks its size in {3}; review those calls, then update the row",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    /// <summary>A kernel-checked struct whose fields the library handles gained a field (often taken from a reserved one).</summary>
    public static readonly DiagnosticDescriptor NewStructField = new(
        id: "IOU013",
        title: "A kernel-checked struct has a new field",
        messageFormat: "{0}.{1} is a new field (taken from a reserved one?); set or report it where the library passes {0} ({2}), then add it to the row's Fields",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "IOU001" => UnknownConstant,
        "IOU002" => ShapeMismatch,
        "IOU003" => DuplicateRow,
        "IOU004" => MissingRegisterRow,
        "IOU005" => BadMemberName,
        "IOU006" => RegisterOpEnumMissing,
        "IOU010" => UntrackedConstant,
        "IOU011" => NewReviewedMember,
        "IOU012" => KernelCheckedSizeChanged,
        "IOU013" => NewStructField,
        "IOU020" => MissingOpcodeRow,
        "IOU021" => UnknownOpcode,
        "IOU022" => BadOpcodeRow,
        "IOU023" => UnknownSqeSlot,
        "IOU024" => FieldWithoutSlot,
        "IOU025" => OpcodeEnumMissing,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown diagnostic id"),
    };

    // The opcode table (generator/IoUring.SourceGen/Opcodes), IOU020 onwards.

    /// <summary>An io_uring_op member has neither a builder row nor an explicit skip (the header grew).</summary>
    public static readonly DiagnosticDescriptor MissingOpcodeRow = new(
        id: "IOU020",
        title: "io_uring opcode has no builder row",
        messageFormat: "io_uring_op.{0} (= {1}) has no [OpcodeBuilder] row and no [OpcodeSkip] reason; add a builder to the opcode table",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "After the Native layer is regenerated from a newer kernel header, every new IORING_OP_* needs a builder or an explicit skip.");

    /// <summary>A builder or skip row names an opcode the header does not have.</summary>
    public static readonly DiagnosticDescriptor UnknownOpcode = new(
        id: "IOU021",
        title: "Opcode row names an opcode that does not exist",
        messageFormat: "'{0}' is not a member of io_uring_op in this compilation",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>A builder or field row is duplicated, or a field names a builder without a row.</summary>
    public static readonly DiagnosticDescriptor BadOpcodeRow = new(
        id: "IOU022",
        title: "Opcode table row is duplicated or orphaned",
        messageFormat: "Opcode table: {0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>A field or Set entry names an io_uring_sqe field that does not exist.</summary>
    public static readonly DiagnosticDescriptor UnknownSqeSlot = new(
        id: "IOU023",
        title: "Opcode field names an SQE slot that does not exist",
        messageFormat: "{0}.{1}: '{2}' is not a field of io_uring_sqe",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>A builder whose Build() is generated from slots has a field without a slot.</summary>
    public static readonly DiagnosticDescriptor FieldWithoutSlot = new(
        id: "IOU024",
        title: "Opcode field has no SQE slot",
        messageFormat: "{0}.{1} has no Slot (or its type needs a Value expression); give it one, or give the builder Encode or CustomBuild",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>The compilation has no io_uring_op or io_uring_sqe, so the opcode table cannot be checked.</summary>
    public static readonly DiagnosticDescriptor OpcodeEnumMissing = new(
        id: "IOU025",
        title: "io_uring_op not found",
        messageFormat: "The opcode table needs IoUring.Interop.Native.io_uring_op and io_uring_sqe, which this compilation does not have",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
