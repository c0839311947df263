using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Net.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct SendZc
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.Transfer(Code, Fd, Buffer, Length, Flags, (uint)ZcFlags);
        if (BufferIndex is ushort index)
        {
            EntryStart.OrIoPrio(ref entry, IORING_RECVSEND_FIXED_BUF);
            entry.Sqe.buf_index = index;
        }

        EntryStart.Destination(ref entry, DestinationAddress, DestinationAddressLength);
        return entry;
    }
}
