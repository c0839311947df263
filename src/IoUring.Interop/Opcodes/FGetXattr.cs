using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Paths.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct FGetXattr
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        EntryStart.Xattr(ref entry, Name, Value, Length, 0);
        return entry;
    }
}
