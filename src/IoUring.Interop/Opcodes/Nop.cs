using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Io.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct Nop
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.nop_flags = (uint)Flags;
        if (InjectResult is int result)
        {
            // The kernel reads the injected result from sqe->len.
            sqe.nop_flags |= IORING_NOP_INJECT_RESULT;
            sqe.len = (uint)result;
        }

        return entry;
    }
}
