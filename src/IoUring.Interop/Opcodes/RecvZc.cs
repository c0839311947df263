using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Net.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct RecvZc
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        // The kernel accepts RECV_ZC only in multishot form.
        EntryStart.OrIoPrio(ref entry, IORING_RECV_MULTISHOT | (uint)IoUringFlags);
        sqe.len = Length;
        sqe.zcrx_ifq_idx = IfqIndex;
        return entry;
    }
}
