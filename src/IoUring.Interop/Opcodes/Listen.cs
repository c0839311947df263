using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Marks a socket as listening, like <c>listen(2)</c>.</summary>
/// <remarks>
/// Available since Linux 6.11.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/listen.2.html"/>
public struct Listen
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Listen;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="backlog">Pending-connection queue length.</param>
    public Listen(FileTarget fd, int backlog)
    {
        Fd = fd;
        Backlog = backlog;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Pending-connection queue length.</summary>
    public int Backlog { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.len = (uint)Backlog;
        return entry;
    }
}
