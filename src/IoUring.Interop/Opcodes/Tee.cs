using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Duplicates pipe content into another pipe, like <c>tee(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.8.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/tee.2.html"/>
public struct Tee
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Tee;

    /// <summary>Creates the builder.</summary>
    /// <param name="fdIn">Source pipe.</param>
    /// <param name="fdOut">Destination pipe.</param>
    /// <param name="length">Bytes to duplicate.</param>
    public Tee(FileTarget fdIn, FileTarget fdOut, uint length)
    {
        FdIn = fdIn;
        FdOut = fdOut;
        Length = length;
    }

    /// <summary>Source pipe.</summary>
    public FileTarget FdIn { get; set; }

    /// <summary>Destination pipe.</summary>
    public FileTarget FdOut { get; set; }

    /// <summary>Bytes to duplicate.</summary>
    public uint Length { get; set; }

    /// <summary>SPLICE_F_* flags.</summary>
    public uint Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, FdOut);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.len = Length;
        sqe.splice_fd_in = FdIn.Value;
        sqe.splice_flags = Flags | (FdIn.IsFixed ? SPLICE_F_FD_IN_FIXED : 0u);
        return entry;
    }
}
