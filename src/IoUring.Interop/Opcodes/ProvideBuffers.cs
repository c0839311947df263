using IoUring.Interop.Native;

namespace IoUring.Interop.Opcodes;

/// <summary>Hands a contiguous set of equal-size buffers to the kernel as provided-buffer group <see cref="GroupId"/> (the legacy form; see BufferRing).</summary>
/// <remarks>
/// Available since Linux 5.7.
/// <para><b>Safety:</b> the kernel writes into these buffers whenever a request selects them, until they are consumed or removed.</para>
/// </remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_provide_buffers.3.html"/>
public unsafe struct ProvideBuffers
{
    /// <summary>The opcode this builder encodes.</summary>
    public const Opcode Code = Opcode.ProvideBuffers;

    /// <summary>Creates the builder.</summary>
    /// <param name="address">Start of the first buffer.</param>
    /// <param name="length">Size of each buffer.</param>
    /// <param name="count">Number of buffers.</param>
    /// <param name="groupId">Buffer group id.</param>
    /// <param name="firstBufferId">Id of the first buffer; the others follow.</param>
    public ProvideBuffers(byte* address, int length, ushort count, ushort groupId, ushort firstBufferId)
    {
        Address = address;
        Length = length;
        Count = count;
        GroupId = groupId;
        FirstBufferId = firstBufferId;
    }

    /// <summary>Start of the first buffer.</summary>
    public byte* Address { get; set; }

    /// <summary>Size of each buffer.</summary>
    public int Length { get; set; }

    /// <summary>Number of buffers.</summary>
    public ushort Count { get; set; }

    /// <summary>Buffer group id.</summary>
    public ushort GroupId { get; set; }

    /// <summary>Id of the first buffer; the others follow.</summary>
    public ushort FirstBufferId { get; set; }

    /// <summary>Encodes the entry.</summary>
    public readonly SubmissionEntry Build()
    {
        SubmissionEntry entry = EntryStart.New(Code, 0);
        ref io_uring_sqe sqe = ref entry.Sqe;
        // Provide-buffers encodes its count in sqe->fd and the first buffer id in sqe->off.
        sqe.fd = Count;
        sqe.addr = (ulong)Address;
        sqe.len = (uint)Length;
        sqe.off = FirstBufferId;
        sqe.buf_group = GroupId;
        return entry;
    }
}
