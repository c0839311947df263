using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Opens a file, like <c>openat(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// <para><b>Safety:</b> the path strings are NUL-terminated and must stay valid until the completion arrives (the kernel may copy them after submission when the request goes async).</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/openat.2.html"/>
public unsafe struct OpenAt
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.OpenAt;

    /// <summary>Creates the builder.</summary>
    /// <param name="dirFd">Directory fd for relative paths, or AT_FDCWD (-100).</param>
    /// <param name="path">NUL-terminated path.</param>
    public OpenAt(int dirFd, byte* path)
    {
        DirFd = dirFd;
        Path = path;
    }

    /// <summary>Directory fd for relative paths, or AT_FDCWD (-100).</summary>
    public int DirFd { get; set; }

    /// <summary>NUL-terminated path.</summary>
    public byte* Path { get; set; }

    /// <summary>O_* open flags.</summary>
    public int Flags { get; set; }

    /// <summary>Permission bits for O_CREAT/O_TMPFILE.</summary>
    public uint Mode { get; set; }

    /// <summary>When set, the new file goes into a direct-descriptor slot (or an auto-allocated one) instead of the fd table; the result is then the slot.</summary>
    public DestinationSlot? FileIndex { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.fd = DirFd;
        sqe.addr = (ulong)Path;
        sqe.len = Mode;
        sqe.open_flags = (uint)Flags;
        if (FileIndex is DestinationSlot slot)
        {
            sqe.file_index = slot.FileIndex;
        }

        return entry;
    }
}
