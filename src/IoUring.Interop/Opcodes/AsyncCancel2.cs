using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Cancels requests matched by a CancelBuilder (user data, fd, opcode, any; one or all): the result is the number cancelled with ALL.</summary>
/// <remarks>
/// Available since Linux 5.19.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_cancel.3.html"/>
public struct AsyncCancel2
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.AsyncCancel;

    /// <summary>Creates the builder.</summary>
    /// <param name="builder">What to match.</param>
    public AsyncCancel2(CancelBuilder builder)
    {
        Builder = builder;
    }

    /// <summary>What to match.</summary>
    public CancelBuilder Builder { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = Builder.Data;
        sqe.cancel_flags = (uint)Builder.Flags;
        if ((sqe.cancel_flags & IORING_ASYNC_CANCEL_FD) != 0)
        {
            sqe.fd = Builder.FdValue;
        }

        if (Builder.Op is Opcode op)
        {
            sqe.cancel_flags |= IORING_ASYNC_CANCEL_OP;
            sqe.len = (uint)op;
        }

        return entry;
    }
}
