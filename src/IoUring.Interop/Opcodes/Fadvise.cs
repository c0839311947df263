using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Io.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct Fadvise
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.off = (ulong)Offset;
        sqe.fadvise_advice = (uint)Advice;
        // Since Linux 6.7 a 64-bit length travels in sqe->addr; older kernels read only the 32-bit sqe->len
        // (and reject a non-zero addr), so use addr only when the length needs it.
        if (Length is >= 0 and <= uint.MaxValue)
        {
            sqe.len = (uint)Length;
        }
        else
        {
            sqe.addr = (ulong)Length;
        }

        return entry;
    }
}
