using System;
using System.Threading;
using System.Threading.Tasks;

namespace IoUring.Interop.Async;

/// <summary>The general form: any <see cref="SubmissionEntry"/> as an awaitable.</summary>
public sealed partial class RingEngine
{
    /// <summary>Submits <paramref name="entry"/> and completes with its completion entry (a negative
    /// <see cref="CompletionEntry.Result"/> is returned, not thrown).</summary>
    /// <remarks>The caller owns every buffer and handle the entry points to and must keep them valid until the task
    /// completes. The entry's user_data is replaced by the engine's. Linked chains (IOSQE_IO_LINK) and
    /// CQE_SKIP_SUCCESS are refused: each awaited entry is one request with one completion.
    /// Available since Linux 5.19.</remarks>
    /// <param name="entry">The request, built with an opcode builder.</param>
    /// <param name="cancellationToken">Cancels the request in the kernel (ASYNC_CANCEL by user_data).</param>
    /// <exception cref="ArgumentException">The entry is linked or skips its completion.</exception>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
    public ValueTask<CompletionEntry> SubmitAsync(SubmissionEntry entry, CancellationToken cancellationToken = default) =>
        SubmitCore(entry, null, cancellationToken);

    /// <summary>Like <see cref="SubmitAsync(SubmissionEntry, CancellationToken)"/>, bounded by a linked timeout: when
    /// <paramref name="timeout"/> passes first, the kernel cancels the request and the await ends with
    /// <see cref="TimeoutException"/>.</summary>
    /// <remarks>Available since Linux 5.19 (IORING_OP_LINK_TIMEOUT itself since 5.5).</remarks>
    /// <param name="entry">The request, built with an opcode builder.</param>
    /// <param name="timeout">How long the request may take (non-negative).</param>
    /// <param name="cancellationToken">Cancels the request in the kernel.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    /// <exception cref="ArgumentException">The entry is linked or skips its completion.</exception>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_prep_link_timeout.3.html"/>
    public ValueTask<CompletionEntry> SubmitAsync(SubmissionEntry entry, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        return SubmitCore(entry, timeout, cancellationToken);
    }

    private ValueTask<CompletionEntry> SubmitCore(in SubmissionEntry entry, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        const SqeFlags Refused = SqeFlags.IoLink | SqeFlags.IoHardLink | SqeFlags.CqeSkipSuccess;
        if ((entry.Flags & Refused) != 0)
        {
            throw new ArgumentException($"The entry's flags ({entry.Flags & Refused}) are not allowed here: an awaited entry is one request with exactly one completion.", nameof(entry));
        }

        RingOperation operation = Rent("submit", RingOperation.ErrorKind.None, cancellationToken);
        operation.Entry = entry;
        if (timeout is TimeSpan span)
        {
            operation.SetTimeout(span);
        }

        return Start<CompletionEntry>(operation);
    }
}
