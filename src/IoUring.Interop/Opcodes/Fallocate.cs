using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Allocates or deallocates file space, like <c>fallocate(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/fallocate.2.html"/>
public struct Fallocate
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Fallocate;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file (raw fd or registered index).</param>
    /// <param name="length">Bytes to allocate.</param>
    public Fallocate(FileTarget fd, long length)
    {
        Fd = fd;
        Length = length;
    }

    /// <summary>Target file (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Bytes to allocate.</summary>
    public long Length { get; set; }

    /// <summary>Start of the range.</summary>
    public long Offset { get; set; }

    /// <summary>FALLOC_FL_* mode bits.</summary>
    public int Mode { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        // fallocate keeps its 64-bit length in sqe->addr and the mode in sqe->len.
        sqe.addr = (ulong)Length;
        sqe.len = (uint)Mode;
        sqe.off = (ulong)Offset;
        return entry;
    }
}
