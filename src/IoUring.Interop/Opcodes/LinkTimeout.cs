using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Bounds the request linked before it (SqeFlags.IoLink on that one): when the time passes first, that request is cancelled.</summary>
/// <remarks>
/// Available since Linux 5.5.
/// <para><b>Safety:</b> the kernel reads the timespec when the request is prepared, which can happen after submission returns (for example when the request is linked): keep it valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_link_timeout.3.html"/>
public unsafe struct LinkTimeout
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.LinkTimeout;

    /// <summary>Creates the builder.</summary>
    /// <param name="time">Relative duration, or absolute time with TimeoutFlags.Abs.</param>
    public LinkTimeout(Timespec* time)
    {
        Time = time;
    }

    /// <summary>Relative duration, or absolute time with TimeoutFlags.Abs.</summary>
    public Timespec* Time { get; set; }

    /// <summary>IORING_TIMEOUT_* clock/ABS flags.</summary>
    public TimeoutFlags Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)Time;
        sqe.len = 1;
        sqe.timeout_flags = (uint)Flags;
        return entry;
    }
}
