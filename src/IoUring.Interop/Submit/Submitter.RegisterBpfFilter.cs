using IoUring.Interop.Native;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Installs the classic-BPF filter described by <paramref name="filter"/> over the SQEs this ring accepts.</summary>
    /// <remarks>
    /// <para><c>filter.filter.filter_ptr</c> points at <c>filter_len</c> classic-BPF instructions, read by the kernel
    /// during the call.</para>
    /// <para>Available since Linux 7.0.</para>
    /// </remarks>
    /// <exception cref="IoUringException">The kernel refused the filter (EINVAL before Linux 7.0).</exception>
    /// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_register.2.html"/>
    public void RegisterBpfFilter(in io_uring_bpf filter)
    {
        ThrowIfDisposed();
        int result;
        do result = Syscalls.RegisterBpfFilter(EnterFd, in filter, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_BPF_FILTER));
    }
}
