using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Wakes up to <see cref="Count"/> waiters of a futex, like <c>futex_wake(2)</c>; the result is the number woken.</summary>
/// <remarks>
/// Available since Linux 6.7.
/// <para><b>Safety:</b> the futex word must stay mapped until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_futex_wake.3.html"/>
public unsafe struct FutexWake
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.FutexWake;

    /// <summary>Creates the builder.</summary>
    /// <param name="futex">The futex word.</param>
    /// <param name="count">Most waiters to wake.</param>
    /// <param name="mask">Wake bitset.</param>
    /// <param name="futexFlags">FUTEX2_* flags.</param>
    public FutexWake(uint* futex, ulong count, ulong mask, uint futexFlags)
    {
        Futex = futex;
        Count = count;
        Mask = mask;
        FutexFlags = futexFlags;
    }

    /// <summary>The futex word.</summary>
    public uint* Futex { get; set; }

    /// <summary>Most waiters to wake.</summary>
    public ulong Count { get; set; }

    /// <summary>Wake bitset.</summary>
    public ulong Mask { get; set; }

    /// <summary>FUTEX2_* flags.</summary>
    public uint FutexFlags { get; set; }

    /// <summary>io_uring futex flags; must be 0.</summary>
    public uint Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.Futex(Code, Futex, Count, Mask, FutexFlags, Flags);
}
