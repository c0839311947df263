using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Does no I/O; completes with 0, or with <see cref="InjectResult"/> when set.</summary>
/// <remarks>
/// Available since Linux 5.1.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_nop.3.html"/>
public struct Nop
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Nop;

    /// <summary>When set, the completion carries this result (IORING_NOP_INJECT_RESULT, Linux 6.10): a way to test error paths and links.</summary>
    public int? InjectResult { get; set; }

    /// <summary>Further IORING_NOP_* flags passed through unchanged.</summary>
    public NopFlags Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.nop_flags = (uint)Flags;
        if (InjectResult is int result)
        {
            // The kernel reads the injected result from sqe->len.
            sqe.nop_flags |= IORING_NOP_INJECT_RESULT;
            sqe.len = (uint)result;
        }

        return entry;
    }
}
