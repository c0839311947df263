using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Syncs a file segment, like <c>sync_file_range(2)</c>.</summary>
/// <remarks>
/// Available since Linux 5.2.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/sync_file_range.2.html"/>
public struct SyncFileRange
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.SyncFileRange;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file (raw fd or registered index).</param>
    /// <param name="length">Bytes to sync.</param>
    public SyncFileRange(FileTarget fd, uint length)
    {
        Fd = fd;
        Length = length;
    }

    /// <summary>Target file (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>Bytes to sync.</summary>
    public uint Length { get; set; }

    /// <summary>Start of the range.</summary>
    public long Offset { get; set; }

    /// <summary>SYNC_FILE_RANGE_* flags.</summary>
    public uint Flags { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.len = Length;
        sqe.off = (ulong)Offset;
        sqe.sync_range_flags = Flags;
        return entry;
    }
}
