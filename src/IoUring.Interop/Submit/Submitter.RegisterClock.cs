using IoUring.Interop.Native;

namespace IoUring.Interop;

public sealed partial class Submitter
{
    /// <summary>Selects the clock that the ring's wait timeouts (enter with a timeout, SubmitWithArgs) are measured against.</summary>
    /// <remarks>Available since Linux 6.12.</remarks>
    /// <seealso href="https://man7.org/linux/man-pages/man3/io_uring_register_clock.3.html"/>
    public void RegisterClock(RingClock clock)
    {
        ThrowIfDisposed();
        var register = new io_uring_clock_register { clockid = (uint)clock };
        int result;
        do result = Syscalls.RegisterClock(EnterFd, in register, RegisteredRing); while (result == Interrupted);
        Checked(result, nameof(io_uring_register_op.IORING_REGISTER_CLOCK));
    }
}
