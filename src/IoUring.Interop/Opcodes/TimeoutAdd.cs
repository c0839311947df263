using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>A timer on the completion queue: completes with ETIME when it expires, or 0 once <see cref="Count"/> other completions have arrived.</summary>
/// <remarks>
/// Available since Linux 5.4.
/// <para><b>Safety:</b> the kernel reads the timespec when the request is prepared, which can happen after submission returns (for example when the request is linked): keep it valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_timeout.3.html"/>
public unsafe struct TimeoutAdd
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Timeout;

    /// <summary>Creates the builder.</summary>
    /// <param name="time">Relative duration, or absolute time with TimeoutFlags.Abs.</param>
    public TimeoutAdd(Timespec* time)
    {
        Time = time;
    }

    /// <summary>Relative duration, or absolute time with TimeoutFlags.Abs.</summary>
    public Timespec* Time { get; set; }

    /// <summary>Completions to wait for; 0 means only the timer counts.</summary>
    public uint Count { get; set; }

    /// <summary>IORING_TIMEOUT_* flags: ABS, BOOTTIME, REALTIME, ETIME_SUCCESS, MULTISHOT (Linux 6.4, with Count as the number of shots, 0 = forever).</summary>
    public TimeoutFlags Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)Time;
        sqe.len = 1;
        sqe.off = Count;
        sqe.timeout_flags = (uint)Flags;
        return entry;
    }
}
