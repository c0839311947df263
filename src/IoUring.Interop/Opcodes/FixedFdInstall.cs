using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Installs a direct descriptor into the process fd table; the result is the new fd.</summary>
/// <remarks>
/// Available since Linux 6.8.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_fixed_fd_install.3.html"/>
public struct FixedFdInstall
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.FixedFdInstall;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">The registered file slot.</param>
    public FixedFdInstall(Fixed fd)
    {
        Fd = fd;
    }

    /// <summary>The registered file slot.</summary>
    public Fixed Fd { get; set; }

    /// <summary>IORING_FIXED_FD_NO_CLOEXEC to leave O_CLOEXEC off.</summary>
    public FixedFdFlags Flags { get; set; }

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
