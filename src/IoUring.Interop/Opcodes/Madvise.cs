using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Gives advice about a memory range, like <c>madvise(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// <para><b>Safety:</b> the range must be mapped in this process when the request runs.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/madvise.2.html"/>
public unsafe struct Madvise
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Madvise;

    /// <summary>Creates the builder.</summary>
    /// <param name="address">Start of the range (page aligned).</param>
    /// <param name="length">Length of the range.</param>
    /// <param name="advice">MADV_* advice.</param>
    public Madvise(void* address, long length, int advice)
    {
        Address = address;
        Length = length;
        Advice = advice;
    }

    /// <summary>Start of the range (page aligned).</summary>
    public void* Address { get; set; }

    /// <summary>Length of the range.</summary>
    public long Length { get; set; }

    /// <summary>MADV_* advice.</summary>
    public int Advice { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.addr = (ulong)Address;
        sqe.fadvise_advice = (uint)Advice;
        // Since Linux 6.7 a 64-bit length travels in sqe->off; older kernels read only sqe->len.
        if (Length is >= 0 and <= uint.MaxValue)
        {
            sqe.len = (uint)Length;
        }
        else
        {
            sqe.off = (ulong)Length;
        }

        return entry;
    }
}
