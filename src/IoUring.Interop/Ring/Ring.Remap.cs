using System;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

// The hook Submitter.ResizeRings calls after IORING_REGISTER_RESIZE_RINGS (liburing's io_uring_resize_rings
// does the same: unmap the rings, map them again from the parameters the kernel wrote back).
public sealed unsafe partial class Ring
{
    /// <summary>Whether the queues can be re-mapped after a resize: not for NO_MMAP rings, whose memory the library
    /// allocated up front (liburing refuses those with EINVAL too).</summary>
    /// <remarks>Also false when the SQ index array is not where <see cref="SqArrayOffset"/> predicts for the ring's
    /// current sizes: the kernel does not report it after a resize, so an unknown layout must not be resized.</remarks>
    internal bool CanRemapRings
    {
        get
        {
            ref readonly io_uring_params p = ref _parameters.Native;
            if ((p.flags & IORING_SETUP_NO_MMAP) != 0 || _handle.IsRegisteredIndex)
                return false;
            return (p.flags & IORING_SETUP_NO_SQARRAY) != 0 || p.sq_off.array == SqArrayOffset(p);
        }
    }

    /// <summary>Replaces the queue mappings after the kernel resized the rings: unmaps the old ones, maps the new
    /// ones at the offsets in <paramref name="resized"/>, and rebuilds the queue views and parameters.</summary>
    /// <remarks>Queue views taken before the call would point at unmapped memory afterwards: they are retired, and
    /// throw <see cref="ObjectDisposedException"/> from then on.</remarks>
    internal void RemapRingsAfterResize(in io_uring_params resized)
    {
        ThrowIfDisposed();
        io_uring_params p = resized;
        uint flags = _parameters.Native.flags;
        // The kernel keeps the ring's entry sizes and SQ-array choice (COPY_FLAGS in io_uring/register.c).
        p.flags = flags | IORING_SETUP_CQSIZE;
        p.features = _parameters.Native.features;
        RingGeometry geometry = RingGeometry.Validate(p.sq_entries, p.flags, p.cq_entries);
        p.flags = flags;
        if (geometry.HasSqArray && p.sq_off.array == 0)
        {
            // Linux 6.18 reports every offset after a resize except the SQ index array's (CanRemapRings checked
            // that SqArrayOffset reproduces the kernel's placement).
            p.sq_off.array = SqArrayOffset(p);
        }


        int fd = _handle.Value;
        _submissionQueue.Retire(ViewRetirement.Resized);
        _completionQueue.Retire(ViewRetirement.Resized);
        _handle.ReleaseRegions();
        nuint sqRingBytes = p.sq_off.array + (nuint)p.sq_entries * sizeof(uint);
        nuint cqRingBytes = p.cq_off.cqes + (nuint)p.cq_entries * (nuint)geometry.CqeSize;
        byte* sqRing;
        byte* cqRing;
        if ((p.features & IORING_FEAT_SINGLE_MMAP) != 0)
        {
            sqRing = cqRing = RingSetup.MapRing(_handle, fd, Math.Max(sqRingBytes, cqRingBytes), IORING_OFF_SQ_RING);
        }
        else
        {
            sqRing = RingSetup.MapRing(_handle, fd, sqRingBytes, IORING_OFF_SQ_RING);
            cqRing = RingSetup.MapRing(_handle, fd, cqRingBytes, IORING_OFF_CQ_RING);
        }

        byte* sqes = RingSetup.MapRing(_handle, fd, (nuint)p.sq_entries * (nuint)geometry.SqeSize, IORING_OFF_SQES);
        var memory = new RingMemory(_handle, p, sqRing, cqRing, sqes, geometry);
        _parameters = new RingParameters(p);
        _submissionQueue = new SubmissionQueue(memory);
        _completionQueue = new CompletionQueue(this, memory);
        _submitter.UseResizedQueue(_submissionQueue);
    }

    // io_uring/io_uring.c rings_size(): the header and 16-byte CQE slots, the whole doubled for CQE32 rings,
    // then aligned to the cache line (64 bytes on x86-64); the SQ index array starts there.
    private static uint SqArrayOffset(in io_uring_params p)
    {
        ulong end = p.cq_off.cqes + (ulong)p.cq_entries * 16;
        if ((p.flags & IORING_SETUP_CQE32) != 0)
            end *= 2;
        return (uint)((end + 63) & ~63UL);
    }
}
