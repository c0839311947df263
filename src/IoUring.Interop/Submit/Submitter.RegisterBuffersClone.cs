using System;
using IoUring.Interop.Native;
using static IoUring.Interop.Native.Constants;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Clones all of <paramref name="source"/>'s registered buffers into this ring, which must have no buffer table yet.</summary>
    /// <remarks>
    /// <para>Both rings then share the same pinned pages; the memory rules of <see cref="RegisterBuffers"/> apply until
    /// both have dropped them.</para>
    /// <para>Available since Linux 6.12.</para>
    /// </remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_clone_buffers.3.html"/>
    public void RegisterBuffersClone(Ring source) => RegisterBuffersCloneOffset(source, 0, 0, 0);

    /// <summary>Clones <paramref name="count"/> of <paramref name="source"/>'s registered buffers (0: all from <paramref name="sourceOffset"/> on) into this ring's table at <paramref name="destinationOffset"/>; <paramref name="replace"/> allows overwriting an existing table.</summary>
    /// <remarks>Available since Linux 6.13.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_clone_buffers_offset.3.html"/>
    public void RegisterBuffersCloneOffset(Ring source, int destinationOffset, int sourceOffset, int count, bool replace = false)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(source);
        ThrowIfNegative(destinationOffset, nameof(destinationOffset));
        ThrowIfNegative(sourceOffset, nameof(sourceOffset));
        ThrowIfNegative(count, nameof(count));
        Submitter from = source.Submitter;
        from.ThrowIfDisposed();
        var clone = new io_uring_clone_buffers
        {
            src_fd = (uint)from.EnterFd,
            src_off = (uint)sourceOffset,
            dst_off = (uint)destinationOffset,
            nr = (uint)count,
        };
        // A registered source ring is named by its index, which the kernel must be told (io_uring/rsrc.c).
        if (from.RegisteredRing)
            clone.flags |= (uint)IORING_REGISTER_SRC_REGISTERED;
        if (replace)
            clone.flags |= (uint)IORING_REGISTER_DST_REPLACE;
        int result;
        do result = Syscalls.RegisterCloneBuffers(EnterFd, in clone, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_CLONE_BUFFERS));
    }
}
