using System;
using IoUring.SourceGen.Model;
using Microsoft.CodeAnalysis;

namespace IoUring.SourceGen.Opcodes;

/// <summary>Turns the opcode generator's diagnostic records into diagnostics (its descriptors live in <see cref="DiagnosticDescriptors"/>).</summary>
internal static class OpcodeDiagnostics
{
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "IOU020" => DiagnosticDescriptors.MissingOpcodeRow,
        "IOU021" => DiagnosticDescriptors.UnknownOpcode,
        "IOU022" => DiagnosticDescriptors.BadOpcodeRow,
        "IOU023" => DiagnosticDescriptors.UnknownSqeSlot,
        "IOU024" => DiagnosticDescriptors.FieldWithoutSlot,
        "IOU025" => DiagnosticDescriptors.OpcodeEnumMissing,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "unknown opcode diagnostic id"),
    };

    public static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        object[] args = new object[info.Arguments.Count];
        for (int i = 0; i < args.Length; i++)
        {
            args[i] = info.Arguments[i];
        }

        return Diagnostic.Create(ById(info.Id), info.Location?.ToLocation() ?? Location.None, args);
    }
}
