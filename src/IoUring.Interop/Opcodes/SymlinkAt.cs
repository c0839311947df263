using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Creates a symbolic link, like <c>symlinkat(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.15.
/// <para><b>Safety:</b> the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/symlinkat.2.html"/>
public unsafe struct SymlinkAt
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.SymlinkAt;

    /// <summary>Creates the builder.</summary>
    /// <param name="newDirFd">Directory for a relative link path.</param>
    /// <param name="target">NUL-terminated link contents.</param>
    /// <param name="linkPath">NUL-terminated path of the new link.</param>
    public SymlinkAt(int newDirFd, byte* target, byte* linkPath)
    {
        NewDirFd = newDirFd;
        Target = target;
        LinkPath = linkPath;
    }

    /// <summary>Directory for a relative link path.</summary>
    public int NewDirFd { get; set; }

    /// <summary>NUL-terminated link contents.</summary>
    public byte* Target { get; set; }

    /// <summary>NUL-terminated path of the new link.</summary>
    public byte* LinkPath { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.fd = NewDirFd;
        sqe.addr = (ulong)Target;
        sqe.addr2 = (ulong)LinkPath;
        return entry;
    }
}
