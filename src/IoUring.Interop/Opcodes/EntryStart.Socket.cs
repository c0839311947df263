using System.Runtime.CompilerServices;
using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

internal static unsafe partial class EntryStart
{
    /// <summary>The one encoding of a buffer send or receive (SEND, SEND_ZC, RECV and their bundle and multishot forms): io_uring/net.c reads the buffer from addr/len, the MSG_* flags from msg_flags and its own IORING_RECVSEND_* flags from ioprio.</summary>
    /// <param name="op">The opcode.</param>
    /// <param name="fd">The socket.</param>
    /// <param name="buffer">The data, or null when a provided buffer is selected.</param>
    /// <param name="length">Bytes to transfer (0 lets a bundle take whole buffers).</param>
    /// <param name="msgFlags">MSG_* flags as in <c>send(2)</c>/<c>recv(2)</c>.</param>
    /// <param name="ioUringFlags">IORING_RECVSEND_* / IORING_RECV_MULTISHOT bits.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry Transfer(Opcode op, FileTarget fd, byte* buffer, uint length, int msgFlags, uint ioUringFlags)
    {
        SubmissionEntry entry = New(op, fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)buffer;
        sqe.len = length;
        sqe.msg_flags = (uint)msgFlags;
        OrIoPrio(ref entry, ioUringFlags);
        return entry;
    }

    /// <summary>A send or receive whose buffers always come from provided-buffer group <paramref name="group"/> (bundles, multishot receive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry SelectedTransfer(Opcode op, FileTarget fd, uint length, int msgFlags, uint ioUringFlags, ushort group)
    {
        SubmissionEntry entry = Transfer(op, fd, null, length, msgFlags, ioUringFlags);
        SelectBuffer(ref entry, group);
        return entry;
    }

    /// <summary>Sets the destination of a send on an unconnected socket, as <c>sendto(2)</c> takes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Destination(ref SubmissionEntry entry, void* address, ushort length)
    {
        entry.Sqe.addr2 = (ulong)address;
        entry.Sqe.addr_len = length;
    }

    /// <summary>The one encoding of SENDMSG, SENDMSG_ZC and RECVMSG: one <c>struct msghdr</c> at addr, the MSG_* flags in msg_flags.</summary>
    /// <param name="op">The opcode.</param>
    /// <param name="fd">The socket.</param>
    /// <param name="message">The message header.</param>
    /// <param name="ioPrio">ioprio, where the IORING_RECVSEND_* / IORING_RECV_MULTISHOT bits live.</param>
    /// <param name="msgFlags">MSG_* flags as in <c>sendmsg(2)</c>/<c>recvmsg(2)</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry Message(Opcode op, FileTarget fd, MsgHdr* message, ushort ioPrio, uint msgFlags)
    {
        SubmissionEntry entry = New(op, fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.ioprio = ioPrio;
        sqe.addr = (ulong)message;
        // One message per entry: liburing's io_uring_prep_sendmsg/recvmsg set len to 1 as well.
        sqe.len = 1;
        sqe.msg_flags = msgFlags;
        return entry;
    }

    /// <summary>Marks the entry as taking its buffer from provided-buffer group <paramref name="group"/> when one is given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SelectBuffer(ref SubmissionEntry entry, ushort? group)
    {
        if (group is ushort value)
        {
            SelectBuffer(ref entry, value);
        }
    }

    /// <summary>The one encoding of BIND and CONNECT: the socket address at addr, its length in the next 8 bytes (bind reads them as sqe->addr2, connect as sqe->off: one union in io_uring.h).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry SocketAddress(Opcode op, FileTarget fd, void* address, uint length)
    {
        SubmissionEntry entry = New(op, fd);
        entry.Sqe.addr = (ulong)address;
        entry.Sqe.addr2 = length;
        return entry;
    }

    /// <summary>A URING_CMD on a socket carrying <paramref name="command"/> (SOCKET_URING_OP_*) in cmd_op; the commands' arguments follow in the builder.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry SocketCommand(Opcode op, FileTarget fd, io_uring_socket_op command)
    {
        SubmissionEntry entry = New(op, fd);
        entry.Sqe.cmd_op = (uint)command;
        return entry;
    }

    /// <summary>The one encoding of the URING_CMD socket-option commands (SOCKET_URING_OP_GETSOCKOPT / SETSOCKOPT): level, name, value and length as in <c>getsockopt(2)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static SubmissionEntry SocketOption(Opcode op, FileTarget fd, io_uring_socket_op command, int level, int optionName, void* value, int length)
    {
        SubmissionEntry entry = SocketCommand(op, fd, command);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.level = (uint)level;
        sqe.optname = (uint)optionName;
        sqe.optval = (ulong)value;
        sqe.optlen = (uint)length;
        return entry;
    }
}
