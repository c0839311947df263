using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Declares an access pattern for file data, like <c>posix_fadvise(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/posix_fadvise.2.html"/>
public struct Fadvise
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Fadvise;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file (raw fd or registered index).</param>
    /// <param name="length">Length of the range; 0 means to the end of the file.</param>
    /// <param name="advice">POSIX_FADV_* advice.</param>
    public Fadvise(FileTarget fd, long length, int advice)
    {
        Fd = fd;
        Length = length;
        Advice = advice;
    }

    /// <summary>Target file (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Length of the range; 0 means to the end of the file.</summary>
    public long Length { get; set; }

    /// <summary>POSIX_FADV_* advice.</summary>
    public int Advice { get; set; }

    /// <summary>Start of the range.</summary>
    public long Offset { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.off = (ulong)Offset;
        sqe.fadvise_advice = (uint)Advice;
        // Since Linux 6.7 a 64-bit length travels in sqe->addr; older kernels read only the 32-bit sqe->len
        // (and reject a non-zero addr), so use addr only when the length needs it.
        if (Length is >= 0 and <= uint.MaxValue)
        {
            sqe.len = (uint)Length;
        }
        else
        {
            sqe.addr = (ulong)Length;
        }

        return entry;
    }
}
