using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Shuts down part of a connection, like <c>shutdown(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.11.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/shutdown.2.html"/>
public struct Shutdown
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Shutdown;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="how">SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2).</param>
    public Shutdown(FileTarget fd, int how)
    {
        Fd = fd;
        How = how;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>SHUT_RD (0), SHUT_WR (1) or SHUT_RDWR (2).</summary>
    public int How { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.len = (uint)How;
        return entry;
    }
}
