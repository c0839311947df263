using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Control.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct PollUpdate
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        uint flags = Multishot ? IORING_POLL_ADD_MULTI : 0u;
        sqe.addr = OldUserData;
        if (NewUserData is ulong userData)
        {
            sqe.off = userData;
            flags |= IORING_POLL_UPDATE_USER_DATA;
        }

        if (NewEvents is uint events)
        {
            sqe.poll32_events = events;
            flags |= IORING_POLL_UPDATE_EVENTS;
        }

        sqe.len = flags;
        return entry;
    }
}
