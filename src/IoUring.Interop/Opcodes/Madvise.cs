using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Io.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct Madvise
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)Address;
        sqe.fadvise_advice = (uint)Advice;
        // Since Linux 6.7 a 64-bit length travels in sqe->off; older kernels read only sqe->len.
        if (Length is >= 0 and <= uint.MaxValue)
        {
            sqe.len = (uint)Length;
        }
        else
        {
            sqe.off = (ulong)Length;
        }

        return entry;
    }
}
