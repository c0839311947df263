namespace IoUring.Interop;

/// <summary>How a non-throwing submit (<c>Submitter.TrySubmit*</c>) ended: success, or one of the transient errnos a hot loop retries.</summary>
/// <remarks>Each non-success value equals its errno, so <c>(int)status</c> is the errno. Any other error still
/// throws <see cref="IoUringException"/>.</remarks>
/// <seealso href="https://man7.org/linux/man-pages/man2/io_uring_enter.2.html"/>
public enum SubmitStatus
{
    /// <summary>The call succeeded.</summary>
    Success = 0,

    /// <summary>EINTR: a signal interrupted the wait; call again.</summary>
    Interrupted = (int)Errno.EINTR,

    /// <summary>EAGAIN: the kernel could not allocate resources for a request right now; reap completions and retry.</summary>
    TryAgain = (int)Errno.EAGAIN,

    /// <summary>EBUSY: the completion queue is overflowing or requests are in flight; reap completions and retry.</summary>
    Busy = (int)Errno.EBUSY,

    /// <summary>ETIME: the timeout given in <see cref="SubmitArgs"/> passed before enough completions arrived.</summary>
    TimedOut = (int)Errno.ETIME,
}
