using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop.Opcodes;

/// <summary>Closes a file descriptor, like <c>close(2)</c>, or a direct descriptor slot when given a Fixed target.</summary>
/// <remarks>
/// Available since Linux 5.6.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/close.2.html"/>
public struct Close
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Close;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file (raw fd or registered index).</param>
    public Close(FileTarget fd)
    {
        Fd = fd;
    }

    /// <summary>Target file (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Encodes the entry.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><see cref="Fd"/> is a registered slot of 0xFFFFFFFE or more, which has no 1-based file_index.</exception>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, -1);
        ref io_uring_sqe sqe = ref entry.Sqe;
        if (Fd.IsFixed)
        {
            // A direct descriptor is closed through sqe->file_index (1-based) with fd 0, never with IOSQE_FIXED_FILE (the kernel answers EBADF).
            sqe.fd = 0;
            sqe.file_index = DestinationSlot.OneBasedFileIndex(unchecked((uint)Fd.Value), nameof(Fd));
        }
        else
        {
            sqe.fd = Fd.Value;
        }

        return entry;
    }
}
