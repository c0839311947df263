using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Io.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct FixedFdInstall
{
    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, new FileTarget());
        ref io_uring_sqe sqe = ref entry.Sqe;
        // The kernel accepts only a fixed file here (EBADF otherwise).
        sqe.fd = (int)Fd.Index;
        sqe.flags |= (byte)IOSQE_FIXED_FILE;
        sqe.install_fd_flags = (uint)Flags;
        return entry;
    }
}
