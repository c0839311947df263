using System;
using IoUring.Interop.Native;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Posts a CQE with <paramref name="result"/> and <paramref name="userData"/> to the ring whose fd is <paramref name="targetRingFd"/>, synchronously and without a source ring.</summary>
    /// <remarks>
    /// <para>The synchronous form of a MSG_RING data request (liburing's io_uring_register_sync_msg); the system call
    /// names no ring (fd -1). Only IORING_MSG_DATA is allowed; <paramref name="flags"/> may carry
    /// IORING_MSG_RING_FLAGS_PASS with <paramref name="cqeFlags"/> for the target CQE's flags.</para>
    /// <para>Available since Linux 6.13.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_sync_msg.3.html"/>
    public static void SendMsgRingSync(int targetRingFd, int result, ulong userData, MsgRingFlags flags = 0, uint cqeFlags = 0)
    {
        if (targetRingFd < 0)
            throw new ArgumentOutOfRangeException(nameof(targetRingFd), targetRingFd, "The target must be a ring fd.");
        var sqe = new io_uring_sqe
        {
            opcode = (byte)io_uring_op.IORING_OP_MSG_RING,
            fd = targetRingFd,
            addr = (ulong)io_uring_msg_ring_flags.IORING_MSG_DATA,
            len = (uint)result,
            off = userData,
            msg_ring_flags = (uint)flags,
            file_index = cqeFlags,
        };
        int sent;
        do sent = Syscalls.RegisterSendMsgRing(-1, in sqe); while (sent == Interrupted);
        Checked(sent, nameof(io_uring_register_op.IORING_REGISTER_SEND_MSG_RING));
    }
}
