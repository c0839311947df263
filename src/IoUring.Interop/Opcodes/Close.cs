using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Io.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct Close
{
    /// <summary>Encodes the entry.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><see cref="Fd"/> is a registered slot of 0xFFFFFFFE or more, which has no 1-based file_index.</exception>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        if (Fd.IsFixed)
        {
            // A direct descriptor is closed through sqe->file_index (1-based) with fd 0, never with IOSQE_FIXED_FILE (the kernel answers EBADF).
            sqe.fd = 0;
            sqe.file_index = DestinationSlot.OneBasedFileIndex(unchecked((uint)Fd.Value), nameof(Fd));
        }
        else
        {
            sqe.fd = Fd.Value;
        }

        return entry;
    }
}
