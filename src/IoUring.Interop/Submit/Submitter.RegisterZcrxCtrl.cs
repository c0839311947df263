using IoUring.Interop.Native;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Runs one zero-copy receive control operation (flush the refill queue, export, arm an event) on the zcrx instance named in <paramref name="control"/>.</summary>
    /// <remarks>
    /// <para>The kernel may write results back into <paramref name="control"/> (an export fills <c>zc_export.zcrx_fd</c>),
    /// so it is passed by reference. A ring with no zcrx instance of that id fails with ENXIO.</para>
    /// <para>Available since Linux 6.19.</para>
    /// </remarks>
    /// <returns>The operation's non-negative result.</returns>
    /// <exception cref="IoUringException">The kernel refused the operation (EINVAL before Linux 6.19).</exception>
    /// <seealso href="https://docs.kernel.org/networking/iou-zcrx.html"/>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_register.2.html"/>
    public int RegisterZcrxCtrl(ref zcrx_ctrl control)
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.RegisterZcrxCtrl(EnterFd, ref control, RegisteredRing); while (result == Interrupted);
        return Checked(result, nameof(io_uring_register_op.IORING_REGISTER_ZCRX_CTRL));
    }
}
