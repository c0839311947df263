using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Control.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct PollAdd
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        // poll32_events holds the mask in host order on little-endian machines; the POLL_ADD flags live in sqe->len.
        sqe.poll32_events = Events;
        sqe.len = (Multishot ? IORING_POLL_ADD_MULTI : 0u) | (LevelTriggered ? IORING_POLL_ADD_LEVEL : 0u);
        return entry;
    }
}
