using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Removes up to <see cref="Count"/> buffers from a provided-buffer group; the result is the number removed.</summary>
/// <remarks>
/// Available since Linux 5.7.
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_remove_buffers.3.html"/>
public struct RemoveBuffers
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.RemoveBuffers;

    /// <summary>Creates the builder.</summary>
    /// <param name="count">Most buffers to remove.</param>
    /// <param name="groupId">Buffer group id.</param>
    public RemoveBuffers(ushort count, ushort groupId)
    {
        Count = count;
        GroupId = groupId;
    }

    /// <summary>Most buffers to remove.</summary>
    public ushort Count { get; set; }

    /// <summary>Buffer group id.</summary>
    public ushort GroupId { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, 0);
        ref io_uring_sqe sqe = ref entry.Sqe;
        sqe.fd = Count;
        sqe.buf_group = GroupId;
        return entry;
    }
}
