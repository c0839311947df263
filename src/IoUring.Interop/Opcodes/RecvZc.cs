using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Zero-copy receive into a registered zcrx interface queue (Submitter.RegisterIfq); always multishot.</summary>
/// <remarks>
/// Available since Linux 6.15.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_recv_zc.3.html"/>
public struct RecvZc
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.RecvZc;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Socket (raw fd or registered index).</param>
    /// <param name="length">Most bytes to receive; 0 means unlimited.</param>
    /// <param name="ifqIndex">Index of the registered interface queue.</param>
    public RecvZc(FileTarget fd, uint length, uint ifqIndex)
    {
        Fd = fd;
        Length = length;
        IfqIndex = ifqIndex;
    }

    /// <summary>Socket (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Most bytes to receive; 0 means unlimited.</summary>
    public uint Length { get; set; }

    /// <summary>Index of the registered interface queue.</summary>
    public uint IfqIndex { get; set; }

    /// <summary>Further recv flags (IORING_RECVSEND_POLL_FIRST).</summary>
    public RecvSendFlags IoUringFlags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        // The kernel accepts RECV_ZC only in multishot form.
        EntryStart.OrIoPrio(ref entry, IORING_RECV_MULTISHOT | (uint)IoUringFlags);
        sqe.len = Length;
        sqe.zcrx_ifq_idx = IfqIndex;
        return entry;
    }
}
