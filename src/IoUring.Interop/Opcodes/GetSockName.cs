using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

// The opcode table (Table/OpcodeTable.Net.cs) generates the rest of this builder; its encoding needs logic.
public unsafe partial struct GetSockName
{
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
