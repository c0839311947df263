using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Control.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct AsyncCancel2
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = Builder.Data;
        sqe.cancel_flags = (uint)Builder.Flags;
        if ((sqe.cancel_flags & IORING_ASYNC_CANCEL_FD) != 0)
        {
            sqe.fd = Builder.FdValue;
        }

        if (Builder.Op is Opcode op)
        {
            sqe.cancel_flags |= IORING_ASYNC_CANCEL_OP;
            sqe.len = (uint)op;
        }

        return entry;
    }
}
