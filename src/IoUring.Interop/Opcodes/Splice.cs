using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Moves data between two files, one of them a pipe, like <c>splice(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.7.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/splice.2.html"/>
public struct Splice
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Splice;

    /// <summary>Creates the builder.</summary>
    /// <param name="fdIn">Source file.</param>
    /// <param name="offsetIn">Source offset; -1 for a pipe or the file position.</param>
    /// <param name="fdOut">Destination file.</param>
    /// <param name="offsetOut">Destination offset; -1 for a pipe or the file position.</param>
    /// <param name="length">Bytes to move.</param>
    public Splice(FileTarget fdIn, long offsetIn, FileTarget fdOut, long offsetOut, uint length)
    {
        FdIn = fdIn;
        OffsetIn = offsetIn;
        FdOut = fdOut;
        OffsetOut = offsetOut;
        Length = length;
    }

    /// <summary>Source file.</summary>
    public FileTarget FdIn { get; set; }

    /// <summary>Source offset; -1 for a pipe or the file position.</summary>
    public long OffsetIn { get; set; }

    /// <summary>Destination file.</summary>
    public FileTarget FdOut { get; set; }

    /// <summary>Destination offset; -1 for a pipe or the file position.</summary>
    public long OffsetOut { get; set; }

    /// <summary>Bytes to move.</summary>
    public uint Length { get; set; }

    /// <summary>SPLICE_F_* flags.</summary>
    public uint Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, FdOut);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.len = Length;
        sqe.off = (ulong)OffsetOut;
        sqe.splice_off_in = (ulong)OffsetIn;
        sqe.splice_fd_in = FdIn.Value;
        // The input side has no IOSQE flag of its own: SPLICE_F_FD_IN_FIXED marks splice_fd_in as a registered index.
        sqe.splice_flags = Flags | (FdIn.IsFixed ? SPLICE_F_FD_IN_FIXED : 0u);
        return entry;
    }
}
