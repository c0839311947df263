using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Net.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct AcceptMulti
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.ioprio = (ushort)IORING_ACCEPT_MULTISHOT;
        sqe.accept_flags = (uint)Flags;
        if (AllocateFileIndex)
        {
            sqe.file_index = IORING_FILE_INDEX_ALLOC;
        }

        return entry;
    }
}
