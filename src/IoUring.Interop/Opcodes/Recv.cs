using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Net.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct Recv
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.Transfer(Code, Fd, Buffer, Length, Flags, (uint)IoUringFlags);
        EntryStart.SelectBuffer(ref entry, BufferGroup);
        return entry;
    }
}
