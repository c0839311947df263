using System;
using System.IO;
using IoUring.Interop.Native;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Registers the ring's own fd with the ring and returns its index; from then on every enter and register call names the ring by that index (IORING_ENTER_REGISTERED_RING), which skips the kernel's fd lookup.</summary>
    /// <remarks>
    /// <para>The index lives in the calling thread's registered-ring table (the kernel keeps one per task): only calls
    /// made on this thread use it; calls from other threads keep using the fd, so the ring stays usable across
    /// <c>await</c>. Call <see cref="UnregisterRingFd"/> on this thread to return to the raw fd.</para>
    /// <para>Disposing the ring on this thread unregisters the index. Disposed on another thread, or finalized, the ring
    /// cannot reach this thread's table: its fd and memory are released, but the index keeps the kernel ring (and what
    /// it holds: registered buffers and files, requests in flight) alive until this thread next creates a ring, calls
    /// this method or disposes a ring, or exits.</para>
    /// <para>Available since Linux 5.18.</para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">The ring fd is already registered.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_ring_fd.3.html"/>
    public int RegisterRingFd()
    {
        ThrowIfDisposed();
        RingHandle handle = _ring.Handle;
        if (handle.IsRegistered)
            throw new InvalidOperationException($"The ring fd is already registered at index {handle.Slot} of thread {handle.OwnerThreadId}'s table.");
        RegisteredRingTable.ReleaseLeftSlots();
        // offset -1 asks the kernel for any free slot; it writes the chosen slot back (io_uring/tctx.c).
        Span<io_uring_rsrc_update> update = [new io_uring_rsrc_update { offset = uint.MaxValue, data = (ulong)Owner.FileDescriptor }];
        int registered = Checked(Syscalls.RegisterRingFds(EnterFd, update, RegisteredRing),
            nameof(io_uring_register_op.IORING_REGISTER_RING_FDS));
        if (registered != 1)
            throw new IOException($"IORING_REGISTER_RING_FDS registered {registered} fds instead of 1.");
        int index = (int)update[0].offset;
        handle.Registered(index);
        return index;
    }

    /// <summary>Unregisters the ring fd index made by <see cref="RegisterRingFd"/>; later calls use the raw fd again.</summary>
    /// <remarks>Only the thread that registered the index can remove it (the table is per thread). Available since Linux 5.18.</remarks>
    /// <exception cref="InvalidOperationException">The ring fd is not registered, or was registered on another thread.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_unregister_ring_fd.3.html"/>
    public void UnregisterRingFd()
    {
        ThrowIfDisposed();
        RingHandle handle = _ring.Handle;
        if (!handle.IsRegistered)
            throw new InvalidOperationException("The ring fd is not registered.");
        if (!handle.IsRegisteredHere)
            throw new InvalidOperationException($"The ring fd is registered in thread {handle.OwnerThreadId}'s table: only that thread can unregister it.");
        int fd = Owner.FileDescriptor;
        Span<io_uring_rsrc_update> update = [new io_uring_rsrc_update { offset = (uint)handle.Slot }];
        // The raw fd names the ring here: the index is the very thing being removed.
        int removed = Checked(Syscalls.UnregisterRingFds(fd, update, false),
            nameof(io_uring_register_op.IORING_UNREGISTER_RING_FDS));
        if (removed != 1)
            throw new IOException($"IORING_UNREGISTER_RING_FDS removed {removed} fds instead of 1.");
        handle.Unregistered();
    }
}
