using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Control.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct TimeoutUpdate
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = UserData;
        sqe.addr2 = (ulong)Time;
        // The kernel takes the update path only with IORING_TIMEOUT_UPDATE set (without it, it removes);
        // IORING_LINK_TIMEOUT_UPDATE on top selects the link-timeout list.
        sqe.timeout_flags = (uint)Flags | IORING_TIMEOUT_UPDATE | (LinkTimeout ? IORING_LINK_TIMEOUT_UPDATE : 0u);
        return entry;
    }
}
