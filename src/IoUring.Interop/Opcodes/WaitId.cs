using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Waits for a child process state change, like <c>waitid(2)</c>.</summary>
/// <remarks>
/// Available since Linux 6.7.
/// <para><b>Safety:</b> the kernel writes the siginfo after submission.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/waitid.2.html"/>
public unsafe struct WaitId
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.WaitId;

    /// <summary>Creates the builder.</summary>
    /// <param name="idType">P_ALL (0), P_PID (1), P_PGID (2) or P_PIDFD (3).</param>
    /// <param name="id">The pid, pgid or pidfd.</param>
    /// <param name="options">WEXITED (4), WSTOPPED, WCONTINUED, WNOWAIT...</param>
    public WaitId(int idType, int id, int options)
    {
        IdType = idType;
        Id = id;
        Options = options;
    }

    /// <summary>P_ALL (0), P_PID (1), P_PGID (2) or P_PIDFD (3).</summary>
    public int IdType { get; set; }

    /// <summary>The pid, pgid or pidfd.</summary>
    public int Id { get; set; }

    /// <summary>WEXITED (4), WSTOPPED, WCONTINUED, WNOWAIT...</summary>
    public int Options { get; set; }

    /// <summary>Receives a siginfo_t (128 bytes), or null.</summary>
    public void* Info { get; set; }

    /// <summary>io_uring waitid flags; must be 0.</summary>
    public uint Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Id);
        ref io_uring_sqe sqe = ref entry.Sqe;
        // waitid(2)'s arguments: idtype in sqe->len, id in sqe->fd, options in sqe->file_index, infop in sqe->addr2.
        sqe.len = (uint)IdType;
        sqe.file_index = (uint)Options;
        sqe.addr2 = (ulong)Info;
        sqe.waitid_flags = Flags;
        return entry;
    }
}
