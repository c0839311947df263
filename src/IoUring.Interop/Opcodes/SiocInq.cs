using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Socket command SIOCINQ: the result is the number of unread bytes queued on the socket.</summary>
/// <remarks>
/// Available since Linux 6.7.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_cmd_sock.3.html"/>
public struct SiocInq
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.UringCmd;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    public SiocInq(FileTarget fd)
    {
        Fd = fd;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.SocketCommand(Code, Fd, io_uring_socket_op.SOCKET_URING_OP_SIOCINQ);
}
