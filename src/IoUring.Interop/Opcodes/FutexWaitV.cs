using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Waits on several futexes at once, like <c>futex_waitv(2)</c>; the result is the index of the one woken.</summary>
/// <remarks>
/// Available since Linux 6.7.
/// The array holds <see cref="FutexWaiter"/> elements (<c>struct futex_waitv</c>).
/// <para><b>Safety:</b> the array and the futex words must stay valid until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_futex_waitv.3.html"/>
public unsafe struct FutexWaitV
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.FutexWaitV;

    /// <summary>Creates the builder.</summary>
    /// <param name="futexes">The futex_waitv array.</param>
    /// <param name="count">Number of elements (at most 128).</param>
    public FutexWaitV(FutexWaiter* futexes, uint count)
    {
        Futexes = futexes;
        Count = count;
    }

    /// <summary>The futex_waitv array.</summary>
    public FutexWaiter* Futexes { get; set; }

    /// <summary>Number of elements (at most 128).</summary>
    public uint Count { get; set; }

    /// <summary>io_uring futex flags; must be 0.</summary>
    public uint Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, 0);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)Futexes;
        sqe.len = Count;
        sqe.futex_flags = Flags;
        return entry;
    }
}
