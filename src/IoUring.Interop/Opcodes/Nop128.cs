using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Io.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct Nop128
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry128 Build()
    {
        SubmissionEntry128 entry = (SubmissionEntry128)EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Native;
        sqe.nop_flags = (uint)Flags;
        if (InjectResult is int result)
        {
            sqe.nop_flags |= IORING_NOP_INJECT_RESULT;
            sqe.len = (uint)result;
        }

        return entry;
    }
}
