using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Opens a file with an <see cref="OpenHow"/>, like <c>openat2(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// <para><b>Safety:</b> the path and the OpenHow must stay valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/openat2.2.html"/>
public unsafe struct OpenAt2
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.OpenAt2;

    /// <summary>Creates the builder.</summary>
    /// <param name="dirFd">Directory fd for relative paths, or AT_FDCWD (-100).</param>
    /// <param name="path">NUL-terminated path.</param>
    /// <param name="how">The open_how argument.</param>
    public OpenAt2(int dirFd, byte* path, OpenHow* how)
    {
        DirFd = dirFd;
        Path = path;
        How = how;
    }

    /// <summary>Directory fd for relative paths, or AT_FDCWD (-100).</summary>
    public int DirFd { get; set; }

    /// <summary>NUL-terminated path.</summary>
    public byte* Path { get; set; }

    /// <summary>The open_how argument.</summary>
    public OpenHow* How { get; set; }

    /// <summary>When set, the new file goes into a direct-descriptor slot (or an auto-allocated one) instead of the fd table; the result is then the slot.</summary>
    public DestinationSlot? FileIndex { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.fd = DirFd;
        sqe.addr = (ulong)Path;
        sqe.off = (ulong)How;
        sqe.len = (uint)sizeof(OpenHow);
        if (FileIndex is DestinationSlot slot)
        {
            sqe.file_index = slot.FileIndex;
        }

        return entry;
    }
}
