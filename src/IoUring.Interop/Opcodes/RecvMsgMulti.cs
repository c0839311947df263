using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Net.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct RecvMsgMulti
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.Message(Code, Fd, Message, (ushort)((uint)IoPrio | IORING_RECV_MULTISHOT), Flags);
        EntryStart.SelectBuffer(ref entry, BufferGroup);
        return entry;
    }
}
