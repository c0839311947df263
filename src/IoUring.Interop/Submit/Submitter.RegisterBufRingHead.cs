using IoUring.Interop.Native;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Returns the kernel's head of the provided-buffer ring of group <paramref name="bufferGroup"/>: how far it has consumed the buffers the application published.</summary>
    /// <remarks>Available since Linux 6.8.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_buf_ring_head.3.html"/>
    public ushort BufRingHead(ushort bufferGroup)
    {
        ThrowIfDisposed();
        var status = new io_uring_buf_status { buf_group = bufferGroup };
        int result;
        do result = Syscalls.RegisterPbufStatus(EnterFd, ref status, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_PBUF_STATUS));
        // The ring's head and tail are 16-bit counters; the kernel reports the head widened to 32 bits.
        return (ushort)status.head;
    }
}
