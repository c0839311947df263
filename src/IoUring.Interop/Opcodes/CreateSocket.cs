using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Creates a socket, like <c>socket(2)</c>; the result is the fd (or the slot with <see cref="FileIndex"/>).</summary>
/// <remarks>
/// Available since Linux 5.19.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/socket.2.html"/>
public struct CreateSocket
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Socket;

    /// <summary>Creates the builder.</summary>
    /// <param name="domain">AF_* family.</param>
    /// <param name="type">SOCK_* type, optionally ORed with SOCK_NONBLOCK/SOCK_CLOEXEC.</param>
    /// <param name="protocol">Protocol, usually 0.</param>
    public CreateSocket(int domain, int type, int protocol)
    {
        Domain = domain;
        Type = type;
        Protocol = protocol;
    }

    /// <summary>AF_* family.</summary>
    public int Domain { get; set; }

    /// <summary>SOCK_* type, optionally ORed with SOCK_NONBLOCK/SOCK_CLOEXEC.</summary>
    public int Type { get; set; }

    /// <summary>Protocol, usually 0.</summary>
    public int Protocol { get; set; }

    /// <summary>When set, the socket becomes a direct descriptor in this slot.</summary>
    public DestinationSlot? FileIndex { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Domain);
        ref io_uring_sqe sqe = ref entry.Sqe;
        // socket(2)'s three arguments travel in sqe->fd, sqe->off and sqe->len.
        sqe.off = (ulong)(uint)Type;
        sqe.len = (uint)Protocol;
        if (FileIndex is DestinationSlot slot)
        {
            sqe.file_index = slot.FileIndex;
        }

        return entry;
    }
}
