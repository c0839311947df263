using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Flushes a file to storage, like <c>fsync(2)</c>/<c>fdatasync(2)</c>, optionally limited to a byte range.</summary>
/// <remarks>
/// Available since Linux 5.1.
/// Completions are unordered: link it after the writes it must cover (SqeFlags.IoLink).
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/fsync.2.html"/>
public struct Fsync
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.Fsync;

    /// <summary>Creates the builder.</summary>
    /// <param name="fd">Target file (raw fd or registered index).</param>
    public Fsync(FileTarget fd)
    {
        Fd = fd;
    }

    /// <summary>Target file (raw fd or registered index).</summary>
    public FileTarget Fd { get; set; }

    /// <summary>FsyncFlags.Datasync gives fdatasync(2) semantics.</summary>
    public FsyncFlags Flags { get; set; }

    /// <summary>Start of the range to sync (with <see cref="Length"/>).</summary>
    public ulong Offset { get; set; }

    /// <summary>Bytes to sync from <see cref="Offset"/>; with both 0 the whole file is synced.</summary>
    public uint Length { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, Fd);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.fsync_flags = (uint)Flags;
        sqe.off = Offset;
        sqe.len = Length;
        return entry;
    }
}
