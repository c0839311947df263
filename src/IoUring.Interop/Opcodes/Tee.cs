using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Io.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct Tee
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, FdOut);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.len = Length;
        sqe.splice_fd_in = FdIn.Value;
        sqe.splice_flags = Flags | (FdIn.IsFixed ? SPLICE_F_FD_IN_FIXED : 0u);
        return entry;
    }
}
