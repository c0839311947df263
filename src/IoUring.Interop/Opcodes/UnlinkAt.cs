using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Removes a file or (with AT_REMOVEDIR) a directory, like <c>unlinkat(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.11.
/// <para><b>Safety:</b> the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/unlinkat.2.html"/>
public unsafe struct UnlinkAt
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.UnlinkAt;

    /// <summary>Creates the builder.</summary>
    /// <param name="dirFd">Directory for a relative path.</param>
    /// <param name="path">NUL-terminated path.</param>
    public UnlinkAt(int dirFd, byte* path)
    {
        DirFd = dirFd;
        Path = path;
    }

    /// <summary>Directory for a relative path.</summary>
    public int DirFd { get; set; }

    /// <summary>NUL-terminated path.</summary>
    public byte* Path { get; set; }

    /// <summary>0 or AT_REMOVEDIR (0x200).</summary>
    public int Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.fd = DirFd;
        sqe.addr = (ulong)Path;
        sqe.unlink_flags = (uint)Flags;
        return entry;
    }
}
