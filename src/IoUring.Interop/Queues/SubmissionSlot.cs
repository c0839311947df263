using System.Diagnostics.CodeAnalysis;

namespace IoUring.Interop;

/// <summary>A reserved slot of the submission queue, to be filled in place (liburing's <c>io_uring_get_sqe</c>).</summary>
/// <remarks>Returned by <see cref="SubmissionQueue.TryGetNext(out SubmissionSlot)"/>. The entry is the ring's own memory,
/// zeroed: write its fields directly, then submit. Available since Linux 5.1.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_get_sqe.3.html"/>
public readonly ref struct SubmissionSlot
{
    private readonly ref SubmissionEntry _entry;

    internal SubmissionSlot(ref SubmissionEntry entry) => _entry = ref entry;

    /// <summary>The entry in the ring slot; the kernel reads it at the next submit.</summary>
    /// <remarks><b>Safety:</b> the reference is valid only until the next submit; buffers and addresses written here must
    /// stay valid until the completion arrives. Available since Linux 5.1.</remarks>
    [UnscopedRef]
    public ref SubmissionEntry Entry => ref _entry;
}

/// <summary>A reserved 128-byte slot of the submission queue, to be filled in place (liburing's <c>io_uring_get_sqe128</c>).</summary>
/// <remarks>Returned by <see cref="SubmissionQueue.TryGetNext(out SubmissionSlot128)"/> on rings built with
/// <see cref="RingBuilder.SetupSqe128"/> or <see cref="RingBuilder.SetupSqeMixed"/>. Available since Linux 5.19.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_get_sqe.3.html"/>
public readonly ref struct SubmissionSlot128
{
    private readonly ref SubmissionEntry128 _entry;

    internal SubmissionSlot128(ref SubmissionEntry128 entry) => _entry = ref entry;

    /// <summary>The 128-byte entry in the ring; the kernel reads it at the next submit.</summary>
    /// <remarks><b>Safety:</b> as for <see cref="SubmissionSlot.Entry"/>. On a mixed ring set a 128-byte opcode (<c>NOP128</c>,
    /// <c>URING_CMD128</c>): only the opcode tells the kernel the entry spans two slots. Available since Linux 5.19.</remarks>
    [UnscopedRef]
    public ref SubmissionEntry128 Entry => ref _entry;
}
