using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Gets file status, like <c>statx(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// The kernel fills a <see cref="StatxBuffer"/> (<c>struct statx</c>).
/// <para><b>Safety:</b> the kernel writes the statx buffer after submission; path and buffer must stay valid until completion.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/statx.2.html"/>
public unsafe struct Statx
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Statx;

    /// <summary>Creates the builder.</summary>
    /// <param name="dirFd">Directory fd for relative paths, AT_FDCWD (-100), or the file itself with AT_EMPTY_PATH.</param>
    /// <param name="path">NUL-terminated path.</param>
    /// <param name="buffer">Receives the struct statx.</param>
    public Statx(int dirFd, byte* path, StatxBuffer* buffer)
    {
        DirFd = dirFd;
        Path = path;
        Buffer = buffer;
    }

    /// <summary>Directory fd for relative paths, AT_FDCWD (-100), or the file itself with AT_EMPTY_PATH.</summary>
    public int DirFd { get; set; }

    /// <summary>NUL-terminated path.</summary>
    public byte* Path { get; set; }

    /// <summary>Receives the struct statx.</summary>
    public StatxBuffer* Buffer { get; set; }

    /// <summary>AT_* flags.</summary>
    public int Flags { get; set; }

    /// <summary>STATX_* fields wanted.</summary>
    public uint Mask { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.fd = DirFd;
        sqe.addr = (ulong)Path;
        sqe.off = (ulong)Buffer;
        sqe.len = Mask;
        sqe.statx_flags = (uint)Flags;
        return entry;
    }
}
