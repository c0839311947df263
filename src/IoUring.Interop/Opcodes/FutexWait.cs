using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Waits on a futex while it holds <see cref="Value"/>, like <c>futex_wait(2)</c> (futex2).</summary>
/// <remarks>
/// Available since Linux 6.7.
/// <para><b>Safety:</b> the futex word must stay mapped until the completion arrives.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_futex_wait.3.html"/>
public unsafe struct FutexWait
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.FutexWait;

    /// <summary>Creates the builder.</summary>
    /// <param name="futex">The futex word.</param>
    /// <param name="value">Expected value; EAGAIN when it differs.</param>
    /// <param name="mask">Wake bitset (FUTEX_BITSET_MATCH_ANY = 0xFFFFFFFF).</param>
    /// <param name="futexFlags">FUTEX2_* flags (FUTEX2_SIZE_U32 = 2, FUTEX2_PRIVATE = 128).</param>
    public FutexWait(uint* futex, ulong value, ulong mask, uint futexFlags)
    {
        Futex = futex;
        Value = value;
        Mask = mask;
        FutexFlags = futexFlags;
    }

    /// <summary>The futex word.</summary>
    public uint* Futex { get; set; }

    /// <summary>Expected value; EAGAIN when it differs.</summary>
    public ulong Value { get; set; }

    /// <summary>Wake bitset (FUTEX_BITSET_MATCH_ANY = 0xFFFFFFFF).</summary>
    public ulong Mask { get; set; }

    /// <summary>FUTEX2_* flags (FUTEX2_SIZE_U32 = 2, FUTEX2_PRIVATE = 128).</summary>
    public uint FutexFlags { get; set; }

    /// <summary>io_uring futex flags; must be 0.</summary>
    public uint Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
        => EntryStart.Futex(Code, Futex, Value, Mask, FutexFlags, Flags);
}
