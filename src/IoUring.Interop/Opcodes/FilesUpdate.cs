using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Updates registered files asynchronously, like Submitter.RegisterFilesUpdate.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// <para><b>Safety:</b> the kernel reads (and with allocation writes) the fd array after submission.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_files_update.3.html"/>
public unsafe struct FilesUpdate
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.FilesUpdate;

    /// <summary>Creates the builder.</summary>
    /// <param name="fds">Array of fds (-1 clears a slot, IORING_REGISTER_FILES_SKIP keeps it).</param>
    /// <param name="count">Number of fds.</param>
    public FilesUpdate(int* fds, uint count)
    {
        Fds = fds;
        Count = count;
    }

    /// <summary>Array of fds (-1 clears a slot, IORING_REGISTER_FILES_SKIP keeps it).</summary>
    public int* Fds { get; set; }

    /// <summary>Number of fds.</summary>
    public uint Count { get; set; }

    /// <summary>First slot to update; IORING_FILE_INDEX_ALLOC (-1) allocates slots and writes the chosen ones back into the array.</summary>
    public int Offset { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)Fds;
        sqe.len = Count;
        sqe.off = (ulong)(long)Offset;
        return entry;
    }
}
