using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Posts a completion with <see cref="Result"/> and <see cref="UserData"/> on another ring.</summary>
/// <remarks>
/// Available since Linux 5.18.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_msg_ring.3.html"/>
public struct MsgRingData
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.MsgRing;

    /// <summary>Creates the builder.</summary>
    /// <param name="ringFd">Target ring fd (io_uring files cannot be registered, so never a fixed index).</param>
    /// <param name="result">The target completion's result.</param>
    /// <param name="userData">The target completion's user data.</param>
    public MsgRingData(int ringFd, int result, ulong userData)
    {
        RingFd = ringFd;
        Result = result;
        UserData = userData;
    }

    /// <summary>Target ring fd (io_uring files cannot be registered, so never a fixed index).</summary>
    public int RingFd { get; set; }

    /// <summary>The target completion's result.</summary>
    public int Result { get; set; }

    /// <summary>The target completion's user data.</summary>
    public ulong UserData { get; set; }

    /// <summary>The target completion's flags (IORING_MSG_RING_FLAGS_PASS, Linux 6.3).</summary>
    public uint? UserFlags { get; set; }

    /// <summary>IORING_MSG_RING_* flags.</summary>
    public MsgRingFlags Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, RingFd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)io_uring_msg_ring_flags.IORING_MSG_DATA;
        sqe.len = (uint)Result;
        sqe.off = UserData;
        sqe.msg_ring_flags = (uint)Flags;
        if (UserFlags is uint userFlags)
        {
            sqe.msg_ring_flags |= IORING_MSG_RING_FLAGS_PASS;
            sqe.file_index = userFlags;
        }

        return entry;
    }
}
