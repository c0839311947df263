using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>A 128-byte no-op: occupies a big SQE slot on an SQE_MIXED ring (or any slot on an SQE128 ring).</summary>
/// <remarks>
/// Available since Linux 6.19.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_nop.3.html"/>
public struct Nop128
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Nop128;

    /// <summary>When set, the completion carries this result (IORING_NOP_INJECT_RESULT).</summary>
    public int? InjectResult { get; set; }

    /// <summary>Further IORING_NOP_* flags passed through unchanged.</summary>
    public NopFlags Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry128 Build()
    {
        SubmissionEntry128 entry = (SubmissionEntry128)EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Native;
        sqe.nop_flags = (uint)Flags;
        if (InjectResult is int result)
        {
            sqe.nop_flags |= IORING_NOP_INJECT_RESULT;
            sqe.len = (uint)result;
        }

        return entry;
    }
}
