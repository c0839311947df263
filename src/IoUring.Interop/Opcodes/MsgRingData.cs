using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Control.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct MsgRingData
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, RingFd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)io_uring_msg_ring_flags.IORING_MSG_DATA;
        sqe.len = (uint)Result;
        sqe.off = UserData;
        sqe.msg_ring_flags = (uint)Flags;
        if (UserFlags is uint userFlags)
        {
            sqe.msg_ring_flags |= IORING_MSG_RING_FLAGS_PASS;
            sqe.file_index = userFlags;
        }

        return entry;
    }
}
