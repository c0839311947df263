using System;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Resizes the submission and completion queues in place, keeping pending entries, and re-maps them.</summary>
    /// <remarks>
    /// <para><paramref name="cqEntries"/> 0 keeps the kernel's default of twice <paramref name="sqEntries"/>. The kernel
    /// allows this only on DEFER_TASKRUN rings (EINVAL otherwise), and fails with EOVERFLOW when the pending entries
    /// do not fit the new sizes. Queue views (<see cref="Ring.SubmissionQueue"/>, <see cref="Ring.CompletionQueue"/>)
    /// obtained before the call point at the old memory: they are retired and throw <see cref="ObjectDisposedException"/>
    /// afterwards; take the properties again.</para>
    /// <para>Available since Linux 6.13.</para>
    /// </remarks>
    /// <exception cref="NotSupportedException">The ring's memory was allocated by the library (NO_MMAP).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_resize_rings.3.html"/>
    public void ResizeRings(int sqEntries, int cqEntries = 0)
    {
        ThrowIfDisposed();
        // io_uring/io_uring.c io_uring_fill_params(): the SQ takes 1..IORING_MAX_ENTRIES and the CQ at least as many.
        if (sqEntries is <= 0 or > 32768)
            throw new ArgumentOutOfRangeException(nameof(sqEntries), sqEntries, "The submission queue takes 1 to 32768 entries.");
        if (cqEntries < 0 || (cqEntries != 0 && cqEntries < sqEntries))
            throw new ArgumentOutOfRangeException(nameof(cqEntries), cqEntries, "The completion queue cannot be smaller than the submission queue.");
        if (!Owner.CanRemapRings)
            throw new NotSupportedException("Rings whose memory the library allocated (NO_MMAP, REGISTERED_FD_ONLY) cannot be resized.");
        var parameters = new io_uring_params { sq_entries = (uint)sqEntries, cq_entries = (uint)cqEntries };
        if (cqEntries != 0)
            parameters.flags = IORING_SETUP_CQSIZE;
        int result;
        do result = Syscalls.RegisterResizeRings(EnterFd, ref parameters, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_RESIZE_RINGS));
        // The kernel swapped in new ring memory and wrote its offsets into parameters; the old mappings are stale.
        Owner.RemapRingsAfterResize(in parameters);
    }

    internal void UseResizedQueue(SubmissionQueue queue) => _sq = queue;
}
