using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Socket command getsockname (or getpeername with <see cref="Peer"/>).</summary>
/// <remarks>
/// Available since Linux 6.19.
/// <para><b>Safety:</b> the kernel writes the address and its length after submission.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/getsockname.2.html"/>
public unsafe struct GetSockName
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.UringCmd;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="address">Receives the address.</param>
    /// <param name="addressLength">In: buffer size; out: address length.</param>
    public GetSockName(FileTarget fd, void* address, uint* addressLength)
    {
        Fd = fd;
        Address = address;
        AddressLength = addressLength;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Receives the address.</summary>
    public void* Address { get; set; }

    /// <summary>In: buffer size; out: address length.</summary>
    public uint* AddressLength { get; set; }

    /// <summary>Return the peer's address, like getpeername(2).</summary>
    public bool Peer { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.SocketCommand(Code, Fd, io_uring_socket_op.SOCKET_URING_OP_GETSOCKNAME);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)Address;
        sqe.addr3 = (ulong)AddressLength;
        sqe.optlen = Peer ? 1u : 0u;
        return entry;
    }
}
