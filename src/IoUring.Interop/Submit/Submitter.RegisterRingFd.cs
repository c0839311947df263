using System;
using System.IO;
using IoUring.Interop.Native;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Registers the ring's own fd with the ring and returns its index; from then on every enter and register call names the ring by that index (IORING_ENTER_REGISTERED_RING), which skips the kernel's fd lookup.</summary>
    /// <remarks>
    /// <para>The index is private to the registering thread's io_uring task context: enter/register calls made from
    /// other threads must not use it. Call <see cref="UnregisterRingFd"/> to return to the raw fd.</para>
    /// <para>Available since Linux 5.18.</para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">The ring fd is already registered.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_ring_fd.3.html"/>
    public int RegisterRingFd()
    {
        ThrowIfDisposed();
        if (RegisteredRing)
            throw new InvalidOperationException($"The ring fd is already registered at index {EnterFd}.");
        // offset -1 asks the kernel for any free slot; it writes the chosen slot back (io_uring/tctx.c).
        Span<io_uring_rsrc_update> update = [new io_uring_rsrc_update { offset = uint.MaxValue, data = (ulong)Owner.FileDescriptor }];
        int registered = Checked(Syscalls.RegisterRingFds(EnterFd, update, RegisteredRing),
            nameof(io_uring_register_op.IORING_REGISTER_RING_FDS));
        if (registered != 1)
            throw new IOException($"IORING_REGISTER_RING_FDS registered {registered} fds instead of 1.");
        int index = (int)update[0].offset;
        UseRegisteredRing(index);
        return index;
    }

    /// <summary>Unregisters the ring fd index made by <see cref="RegisterRingFd"/>; later calls use the raw fd again.</summary>
    /// <remarks>Available since Linux 5.18.</remarks>
    /// <exception cref="InvalidOperationException">The ring fd is not registered.</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_unregister_ring_fd.3.html"/>
    public void UnregisterRingFd()
    {
        ThrowIfDisposed();
        if (!RegisteredRing)
            throw new InvalidOperationException("The ring fd is not registered.");
        Span<io_uring_rsrc_update> update = [new io_uring_rsrc_update { offset = (uint)EnterFd }];
        // The raw fd names the ring here: the index is the very thing being removed.
        int removed = Checked(Syscalls.UnregisterRingFds(Owner.FileDescriptor, update, false),
            nameof(io_uring_register_op.IORING_UNREGISTER_RING_FDS));
        if (removed != 1)
            throw new IOException($"IORING_UNREGISTER_RING_FDS removed {removed} fds instead of 1.");
        UseRawFd();
    }
}
