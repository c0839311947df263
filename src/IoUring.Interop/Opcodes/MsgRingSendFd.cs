using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Sends one of this ring's direct descriptors to another ring's file table and posts a completion there.</summary>
/// <remarks>
/// Available since Linux 6.0.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_msg_ring_fd.3.html"/>
public struct MsgRingSendFd
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.MsgRing;

    /// <summary>Creates the builder.</summary>
    /// <param name="ringFd">Target ring fd (io_uring files cannot be registered, so never a fixed index).</param>
    /// <param name="source">Direct descriptor to send.</param>
    /// <param name="destination">Slot in the target ring (or Auto).</param>
    /// <param name="userData">The target completion's user data.</param>
    public MsgRingSendFd(int ringFd, Fixed source, DestinationSlot destination, ulong userData)
    {
        RingFd = ringFd;
        Source = source;
        Destination = destination;
        UserData = userData;
    }

    /// <summary>Target ring fd (io_uring files cannot be registered, so never a fixed index).</summary>
    public int RingFd { get; set; }

    /// <summary>Direct descriptor to send.</summary>
    public Fixed Source { get; set; }

    /// <summary>Slot in the target ring (or Auto).</summary>
    public DestinationSlot Destination { get; set; }

    /// <summary>The target completion's user data.</summary>
    public ulong UserData { get; set; }

    /// <summary>IORING_MSG_RING_CQE_SKIP: post no completion on the target.</summary>
    public MsgRingFlags Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, RingFd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)io_uring_msg_ring_flags.IORING_MSG_SEND_FD;
        sqe.off = UserData;
        sqe.addr3 = Source.Index;
        sqe.file_index = Destination.FileIndex;
        sqe.msg_ring_flags = (uint)Flags;
        return entry;
    }
}
