using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Truncates a file to a length, like <c>ftruncate(2)</c>.</summary>
/// <remarks>
/// Available since Linux 6.9.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/ftruncate.2.html"/>
public struct Ftruncate
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Ftruncate;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file (raw fd or registered index).</param>
    /// <param name="length">New file size.</param>
    public Ftruncate(FileTarget fd, long length)
    {
        Fd = fd;
        Length = length;
    }

    /// <summary>Target file (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>New file size.</summary>
    public long Length { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.off = (ulong)Length;
        return entry;
    }
}
